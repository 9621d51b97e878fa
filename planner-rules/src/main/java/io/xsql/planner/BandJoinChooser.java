package io.xsql.planner;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;

/**
 * Runs a join with no equal keys whose condition puts a field of one input in a range between two fields
 * of the other ({@code a.x BETWEEN b.lo AND b.hi}, or with strict bounds) as a band join
 * ({@link XsqlBandJoin}) instead of a nested loop, when its point side is the left input (either input for
 * an inner join) and its join type is INNER, LEFT, SEMI or ANTI: unasked when both inputs already come
 * ordered on the point and the lower bound (files with {@code sorted_by}), sorted first under MERGE_JOIN.
 */
final class BandJoinChooser {
  private static final Set<JoinRelType> TYPES = EnumSet.of(JoinRelType.INNER, JoinRelType.LEFT,
      JoinRelType.SEMI, JoinRelType.ANTI);

  private BandJoinChooser() {}

  /**
   * The band join {@code join} runs as, if its condition has a range.
   *
   * @param forced whether MERGE_JOIN asks for it: inputs not ordered on the range are sorted
   */
  static Optional<RelNode> choose(Join join, boolean forced) {
    if (!TYPES.contains(join.getJoinType())) {
      return Optional.empty();
    }
    Optional<RelNode> band = Band.of(join).flatMap(b -> build(join, b, forced));
    if (band.isPresent() || join.getJoinType() != JoinRelType.INNER) {
      return band;
    }
    Join swapped = JoinChooser.swapped(join);
    return Band.of(swapped).flatMap(b -> build(swapped, b, forced)).map(rel -> JoinChooser.restoreOrder(join, rel));
  }

  private static Optional<RelNode> build(Join join, Band band, boolean forced) {
    RelMetadataQuery mq = join.getCluster().getMetadataQuery();
    RelNode left = join.getLeft();
    RelNode right = join.getRight();
    if (!forced && !(sorted(mq, left, band.point()) && sorted(mq, right, band.lower()))) {
      return Optional.empty();
    }
    BandJoinPlan plan = new BandJoinPlan(band.point(), band.lower(), band.upper(), join.getJoinType(),
        left.getRowType().getFieldCount(), right.getRowType().getFieldCount(),
        JoinChooser.name(left, "the left input"), JoinChooser.name(right, "the right input"));
    return Optional.of(new XsqlBandJoin(ordered(mq, left, band.point()), ordered(mq, right, band.lower()),
        join.getRowType(), plan, join.getCondition(), mq.getRowCount(join)));
  }

  private static boolean sorted(RelMetadataQuery mq, RelNode input, int field) {
    RelCollation wanted = JoinChooser.collation(List.of(field));
    List<RelCollation> have = mq.collations(input);
    return have != null && have.stream().anyMatch(c -> c.satisfies(wanted));
  }

  private static RelNode ordered(RelMetadataQuery mq, RelNode input, int field) {
    return sorted(mq, input, field) ? input
        : EnumerableSort.create(input, JoinChooser.collation(List.of(field)), null, null);
  }

  /**
   * A range in a join's condition: conjuncts bounding a left field from below and from above by right
   * fields, all three of one scalar SQL type (a cast in a bound is no range here).
   *
   * @param point the left input's field
   * @param lower the right input's field the point is at least (or above)
   * @param upper the right input's field the point is at most (or below)
   */
  record Band(int point, int lower, int upper) {
    static Optional<Band> of(Join join) {
      int width = join.getLeft().getRowType().getFieldCount();
      Map<Integer, Integer> lowers = new HashMap<>();
      Map<Integer, Integer> uppers = new HashMap<>();
      for (RexNode conjunct : RelOptUtil.conjunctions(join.getCondition())) {
        if (!(conjunct instanceof RexCall call) || call.getOperands().size() != 2
            || !(call.getOperands().get(0) instanceof RexInputRef a)
            || !(call.getOperands().get(1) instanceof RexInputRef b)) {
          continue;
        }
        // Written as left field OP right field.
        boolean leftFirst = a.getIndex() < width;
        if (leftFirst == b.getIndex() < width) {
          continue;
        }
        int point = leftFirst ? a.getIndex() : b.getIndex();
        int bound = (leftFirst ? b.getIndex() : a.getIndex()) - width;
        SqlKind kind = leftFirst ? call.getKind() : call.getKind().reverse();
        switch (kind) {
          case GREATER_THAN, GREATER_THAN_OR_EQUAL -> lowers.putIfAbsent(point, bound);
          case LESS_THAN, LESS_THAN_OR_EQUAL -> uppers.putIfAbsent(point, bound);
          default -> { }
        }
      }
      return lowers.entrySet().stream().filter(e -> uppers.containsKey(e.getKey()))
          .map(e -> new Band(e.getKey(), e.getValue(), uppers.get(e.getKey())))
          .filter(band -> band.oneType(join)).findFirst();
    }

    private boolean oneType(Join join) {
      RelDataType p = join.getLeft().getRowType().getFieldList().get(point).getType();
      List<RelDataType> right = join.getRight().getRowType().getFieldList().stream().map(f -> f.getType()).toList();
      return JoinKeyPairs.sameScalarType(p, right.get(lower)) && JoinKeyPairs.sameScalarType(p, right.get(upper));
    }
  }
}
