package io.xsql.planner;

import io.xsql.spi.ColumnStatistics;
import io.xsql.spi.XsqlRuleConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.tools.RelBuilder;

/**
 * A GROUP BY that a join matches on one of its group keys against a column of a small read elsewhere in
 * the query computes only the groups whose keys that read holds: its input is joined with the read's
 * distinct keys first (semi-join reduction). Calcite's decorrelation turns a correlated scalar subquery
 * into such a GROUP BY over every key the subquery's tables hold: TPC-H Q17's average quantity of each of
 * 200,000 parts' lines, for the 200 parts of one brand and container. Reduced, the join order phase starts
 * the grouped join from those keys, and the sources are read by them.
 *
 * <p>The read is read twice: it must be one table's (filtered and projected, no join, no aggregate, not a
 * stream's) and estimated at least {@link #MIN_RATIO} times smaller than the GROUP BY ({@link #groups}) and
 * than its table ({@link #tableRows}). Every value the join's side holds in that column comes from the read
 * (or is NULL, which matches nothing), so the groups left out could match no row: for an inner join either
 * side may be grouped, for a LEFT or semi-join the right one.
 */
public final class SemiJoinReductionRule extends RelRule<XsqlRuleConfig> {
  /** How many times smaller than the GROUP BY the read is estimated, at least. */
  static final double MIN_RATIO = 10;
  /** The name of the read's distinct keys, which marks a reduced GROUP BY. */
  private static final String KEYS = "xsql$reduction_keys";

  /** Matches an inner, left or semi-join. */
  static final XsqlRuleConfig CONFIG = XsqlRuleConfig.of("SemiJoinReductionRule",
      b0 -> b0.operand(Join.class).predicate(j -> j.getJoinType() == JoinRelType.INNER
          || j.getJoinType() == JoinRelType.LEFT || j.getJoinType() == JoinRelType.SEMI).anyInputs(),
      SemiJoinReductionRule::new);

  SemiJoinReductionRule(XsqlRuleConfig config) {
    super(config);
  }

  /**
   * A group key of a GROUP BY, as one field of a join's side.
   *
   * @param projection the projection between the join and the GROUP BY, if any
   * @param inputField the key's field in the GROUP BY's input
   */
  private record GroupKey(Aggregate aggregate, Optional<Project> projection, int inputField) {
    static Optional<GroupKey> of(RelNode side, int field) {
      RelNode rel = side.stripped();
      Optional<Project> projection = Optional.empty();
      if (rel instanceof Project p && p.getInput().stripped() instanceof Aggregate
          && p.getProjects().get(field) instanceof RexInputRef ref) {
        projection = Optional.of(p);
        rel = p.getInput().stripped();
        field = ref.getIndex();
      }
      if (rel instanceof Aggregate a && a.getGroupType() == Aggregate.Group.SIMPLE && field < a.getGroupCount()
          && !reduced(a)) {
        return Optional.of(new GroupKey(a, projection, a.getGroupSet().nth(field)));
      }
      return Optional.empty();
    }
  }

  /**
   * Whether the rule made the GROUP BY, as a read's distinct keys, or joined its input with them already.
   */
  private static boolean reduced(Aggregate aggregate) {
    if (aggregate.getRowType().getFieldNames().equals(List.of(KEYS))) {
      return true;
    }
    for (RelNode rel = aggregate.getInput().stripped(); rel instanceof Project || rel instanceof Filter;
        rel = rel.getInput(0).stripped()) {
      if (rel instanceof Project && rel.getInput(0).stripped() instanceof Join j
          && j.getRight().getRowType().getFieldNames().equals(List.of(KEYS))) {
        return true;
      }
    }
    return false;
  }

  /** One table's read and the field of it that a column of a join's side comes from. */
  private record Read(RelNode rel, int field) {
    static Optional<Read> of(RelNode side, int field) {
      RelNode rel = side.stripped();
      if (RelOptUtil.countJoins(rel) == 0) {
        return aggregates(rel) || streams(rel) ? Optional.empty() : Optional.of(new Read(rel, field));
      }
      if (rel instanceof Join j) {
        int leftWidth = j.getLeft().getRowType().getFieldCount();
        return field < leftWidth ? of(j.getLeft(), field) : of(j.getRight(), field - leftWidth);
      }
      if (rel instanceof Project p && p.getProjects().get(field) instanceof RexInputRef ref) {
        return of(p.getInput(), ref.getIndex());
      }
      if (rel instanceof Filter f) {
        return of(f.getInput(), field);
      }
      return Optional.empty();
    }

    private static boolean aggregates(RelNode rel) {
      return rel instanceof Aggregate || rel.getInputs().stream().anyMatch(i -> aggregates(i.stripped()));
    }

    /** Whether it reads a stream, whose second read would not see the first one's events. */
    private static boolean streams(RelNode rel) {
      return rel instanceof XsqlTableScan scan && scan.xsqlTable instanceof XsqlStreamTable
          || rel.getInputs().stream().anyMatch(i -> streams(i.stripped()));
    }
  }

  /**
   * The groups the GROUP BY is estimated to make, or if more, the distinct values its key column holds in
   * the table it comes from, where the source knows them: estimates of a GROUP BY over joins fall far short
   * (TPC-H Q17's average quantity per part over lineitem: 200,000 parts in PostgreSQL's statistics).
   */
  private static double groups(RelMetadataQuery mq, Aggregate aggregate, int inputField) {
    Double groups = mq.getRowCount(aggregate);
    RelColumnOrigin origin = mq.getColumnOrigin(aggregate.getInput(), inputField);
    double values = origin == null || origin.isDerived() ? 0
        : distinctValues(origin.getOriginTable(), origin.getOriginColumnOrdinal()).orElse(0);
    return Math.max(groups == null ? 0 : groups, values);
  }

  /**
   * The rows of the table a read reads. A read of most of a table holds most of its keys, whatever a
   * sample says of the GROUP BY's: TPC-H Q20's suppliers, all 10,000, reduced the supplier keys of partsupp,
   * whose first rows hold each supplier once, and so looked like 800,000 values.
   */
  private static double tableRows(RelNode read) {
    if (read instanceof TableScan scan) {
      return scan.getTable().getRowCount();
    }
    return read.getInputs().stream().mapToDouble(i -> tableRows(i.stripped())).max().orElse(0);
  }

  /** A table's distinct values in a column, from its source's statistics or sample. */
  private static OptionalDouble distinctValues(RelOptTable table, int column) {
    XsqlTable xsql = table.unwrap(XsqlTable.class);
    if (xsql != null) {
      OptionalLong values = xsql.table().distinctValues(column);
      return values.isPresent() && values.getAsLong() > 0 ? OptionalDouble.of(values.getAsLong())
          : OptionalDouble.empty();
    }
    ColumnStatistics statistics = table.unwrap(ColumnStatistics.class);
    return statistics == null ? OptionalDouble.empty() : statistics.distinctValues(column);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Join join = call.rel(0);
    JoinInfo info = join.analyzeCondition();
    for (int i = 0; i < info.leftKeys.size(); i++) {
      Optional<RelNode> reduced = reduce(call, join, true, info.rightKeys.get(i), info.leftKeys.get(i));
      if (reduced.isEmpty() && join.getJoinType() == JoinRelType.INNER) {
        reduced = reduce(call, join, false, info.leftKeys.get(i), info.rightKeys.get(i));
      }
      if (reduced.isPresent()) {
        call.transformTo(reduced.get());
        return;
      }
    }
  }

  /**
   * The join with the GROUP BY on one side reduced to the keys of a read on the other, if the GROUP BY's
   * field {@code groupField} and the other side's {@code readField} qualify.
   */
  private static Optional<RelNode> reduce(RelOptRuleCall call, Join join, boolean groupedRight, int groupField,
      int readField) {
    RelNode groupedSide = groupedRight ? join.getRight() : join.getLeft();
    RelNode otherSide = groupedRight ? join.getLeft() : join.getRight();
    Optional<GroupKey> key = GroupKey.of(groupedSide, groupField);
    Optional<Read> read = key.isEmpty() ? Optional.empty() : Read.of(otherSide, readField);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    Aggregate aggregate = key.get().aggregate();
    RelNode input = aggregate.getInput();
    RelDataType keyType = input.getRowType().getFieldList().get(key.get().inputField()).getType();
    RelDataType readType = read.get().rel().getRowType().getFieldList().get(read.get().field()).getType();
    RelMetadataQuery mq = call.getMetadataQuery();
    Double readRows = mq.getRowCount(read.get().rel());
    if (!SqlTypeUtil.equalSansNullability(keyType, readType) || readRows == null
        || readRows * MIN_RATIO > groups(mq, aggregate, key.get().inputField())
        || readRows * MIN_RATIO > tableRows(read.get().rel())) {
      return Optional.empty();
    }
    // The keys join below the projections and filters over the GROUP BY's input, so that the join order
    // phase orders it with the joins there (it starts from the keys).
    List<RelNode> above = new ArrayList<>();
    RelNode below = input.stripped();
    int field = key.get().inputField();
    while (below instanceof Filter || below instanceof Project p && p.getProjects().get(field) instanceof RexInputRef) {
      if (below instanceof Project p) {
        field = ((RexInputRef) p.getProjects().get(field)).getIndex();
      }
      above.add(below);
      below = below.getInput(0).stripped();
    }
    RelBuilder b = call.builder();
    int width = below.getRowType().getFieldCount();
    b.push(below).push(read.get().rel()).project(List.of(b.field(read.get().field())), List.of(KEYS)).distinct();
    RexNode equal = b.equals(b.field(2, 0, field), b.field(2, 1, 0));
    RelNode reducedInput = b.join(JoinRelType.INNER, equal).project(b.fields().subList(0, width)).build();
    for (int i = above.size() - 1; i >= 0; i--) {
      reducedInput = above.get(i).copy(above.get(i).getTraitSet(), List.of(reducedInput));
    }
    RelNode reduced = aggregate.copy(aggregate.getTraitSet(), List.of(reducedInput));
    RelNode side = key.get().projection().<RelNode>map(p -> p.copy(p.getTraitSet(), List.of(reduced)))
        .orElse(reduced);
    return Optional.of(join.copy(join.getTraitSet(), groupedRight ? List.of(join.getLeft(), side)
        : List.of(side, join.getRight())));
  }
}
