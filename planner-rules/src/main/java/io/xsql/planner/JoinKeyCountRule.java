package io.xsql.planner;

import io.xsql.spi.XsqlRuleConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.ImmutableIntList;

/**
 * A GROUP BY over an inner join of which one side gives nothing but its join keys (orders with their count
 * of lines, the benchmark's products joined to their images) counts that side's rows per key first, and
 * joins the other side with those counts: each row of the other side then meets one count instead of as
 * many copies of itself, so the join outputs (and the aggregate reads) as many rows as keys instead of as
 * many as the counted side has. Over input sorted on the keys the count streams, or goes into a file scan.
 *
 * <p>The aggregates are weighted by the count: {@code COUNT(*)} becomes {@code $SUM0(cnt)}, {@code COUNT(x)}
 * sums {@code cnt} where x is not NULL, {@code SUM(x)} and {@code $SUM0(x)} sum {@code x * cnt} (cast back
 * to the original type; a DOUBLE sum may then differ from adding x cnt times in its last bits, as sums in
 * another order do), MIN, MAX and ANY_VALUE are unchanged. Other calls (AVG is reduced to SUM and COUNT
 * before this rule), DISTINCT, FILTER or ordered calls, join conditions besides equal keys (IS NOT DISTINCT
 * FROM included) and other join types leave the plan as it was. Keys with a NULL form a count that no row
 * joins, as before.
 *
 * <p>Only where the side is estimated to hold at least {@link #MIN_ROWS_PER_KEY} rows per key (over unique
 * keys the count is work for nothing), or where its keys' distinct values are unknown but it comes ordered
 * on them (a file's {@code sorted_by}, whose sample cannot tell how keys repeat): the count then streams.
 */
public final class JoinKeyCountRule extends RelRule<XsqlRuleConfig> {
  /** Rows per key from which counting first pays. */
  static final double MIN_ROWS_PER_KEY = 1.5;

  /** Matches an Aggregate directly over an inner Join. */
  static final XsqlRuleConfig CONFIG = XsqlRuleConfig.of("JoinKeyCountRule",
      b0 -> b0.operand(Aggregate.class).predicate(a -> a.getGroupType() == Aggregate.Group.SIMPLE)
          .oneInput(b1 -> b1.operand(Join.class).predicate(j -> j.getJoinType() == JoinRelType.INNER).anyInputs()),
      JoinKeyCountRule::new);

  JoinKeyCountRule(XsqlRuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Aggregate aggregate = call.rel(0);
    Join join = call.rel(1);
    JoinInfo info = join.analyzeCondition();
    // Keys compared with IS NOT DISTINCT FROM (a false null exclusion flag) stay as they were.
    if (!info.isEqui() || info.leftKeys.isEmpty() || info.nullExclusionFlags.contains(false)
        || !aggregate.getAggCallList().stream().allMatch(JoinKeyCountRule::weighable)) {
      return;
    }
    ImmutableBitSet used = aggregate.getGroupSet().union(ImmutableBitSet.of(aggregate.getAggCallList().stream()
        .flatMap(c -> c.getArgList().stream()).toList()));
    int leftWidth = join.getLeft().getRowType().getFieldCount();
    ImmutableBitSet rightFields = ImmutableBitSet.range(leftWidth, join.getRowType().getFieldCount());
    RelMetadataQuery mq = call.getMetadataQuery();
    if (!used.intersects(rightFields) && repeats(mq, join.getRight(), info.rightKeys)) {
      call.transformTo(counted(call.builder(), aggregate, join, info, true));
    } else if (!used.intersects(ImmutableBitSet.range(leftWidth)) && repeats(mq, join.getLeft(), info.leftKeys)) {
      call.transformTo(counted(call.builder(), aggregate, join, info, false));
    }
  }

  /** A call the count can weigh: a plain COUNT, SUM, $SUM0, MIN, MAX or ANY_VALUE of at most one field. */
  static boolean weighable(AggregateCall c) {
    SqlKind kind = c.getAggregation().getKind();
    return !c.isDistinct() && !c.isApproximate() && c.filterArg < 0 && c.collation.getFieldCollations().isEmpty()
        && (kind == SqlKind.COUNT ? c.getArgList().size() <= 1 : c.getArgList().size() == 1)
        && switch (kind) {
          case COUNT, SUM, SUM0, MIN, MAX, ANY_VALUE -> true;
          default -> false;
        };
  }

  /**
   * Whether a count first pays on {@code side}: it is estimated to hold enough rows per key, or, its keys'
   * distinct values unknown, it comes ordered on the keys, so that the count streams for little work.
   */
  static boolean repeats(RelMetadataQuery mq, RelNode side, ImmutableIntList keys) {
    return repeats(mq, side, keys, MIN_ROWS_PER_KEY);
  }

  /** The same with another least number of rows per key. */
  static boolean repeats(RelMetadataQuery mq, RelNode side, ImmutableIntList keys, double minRowsPerKey) {
    ImmutableBitSet keySet = ImmutableBitSet.of(keys);
    Double rows = mq.getRowCount(side);
    Double distinct = mq.getDistinctRowCount(side, keySet, null);
    if (distinct == null) {
      return InputOrder.leadingIn(side, keySet).size() == keySet.cardinality();
    }
    return rows != null && distinct > 0 && rows >= minRowsPerKey * distinct;
  }

  /**
   * Joins {@code other} and an aggregate of the other side of a join, which {@code aggregate} pushes, in
   * the join's order ({@code aggregatedRight}: the aggregate is the right side), on {@code otherKeys}
   * equal to the aggregated side's {@code keys}, which the aggregate outputs at their place in
   * {@code groups}.
   */
  static void joinPerKey(RelBuilder b, RelNode other, boolean aggregatedRight, Runnable aggregate,
      ImmutableIntList otherKeys, ImmutableIntList keys, List<Integer> groups, JoinRelType type) {
    if (aggregatedRight) {
      b.push(other);
    }
    aggregate.run();
    if (!aggregatedRight) {
      b.push(other);
    }
    List<RexNode> conditions = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      conditions.add(b.equals(b.field(2, aggregatedRight ? 0 : 1, otherKeys.get(i)),
          b.field(2, aggregatedRight ? 1 : 0, groups.indexOf(keys.get(i)))));
    }
    b.join(type, conditions);
  }

  /**
   * The aggregate over the join of the other side with the counted side's rows per key: a projection of
   * the other side's fields, the count and the weighted arguments, then the aggregate, then casts back to
   * the original call types where weighing changed them.
   */
  private static RelNode counted(RelBuilder b, Aggregate aggregate, Join join, JoinInfo info, boolean right) {
    RelNode counted = right ? join.getRight() : join.getLeft();
    RelNode other = right ? join.getLeft() : join.getRight();
    ImmutableIntList countedKeys = right ? info.rightKeys : info.leftKeys;
    ImmutableIntList otherKeys = right ? info.leftKeys : info.rightKeys;
    ImmutableBitSet keySet = ImmutableBitSet.of(countedKeys);
    int leftWidth = join.getLeft().getRowType().getFieldCount();
    int otherWidth = other.getRowType().getFieldCount();
    // The other side's fields come first in the projection; a field of the join maps to its place there.
    int shift = right ? 0 : leftWidth;

    // The sides in the join's order, the counts where the counted side was.
    joinPerKey(b, other, right, () -> b.push(counted).aggregate(b.groupKey(keySet), b.countStar("cnt")),
        otherKeys, countedKeys, keySet.asList(), JoinRelType.INNER);
    int countField = right ? otherWidth + keySet.cardinality() : keySet.cardinality();
    int otherStart = right ? 0 : keySet.cardinality() + 1;
    RexBuilder rex = b.getRexBuilder();
    List<RexNode> projects = new ArrayList<>();
    for (int f = 0; f < otherWidth; f++) {
      projects.add(b.field(otherStart + f));
    }
    RexNode count = b.field(countField);
    projects.add(count);
    List<RelBuilder.AggCall> calls = new ArrayList<>();
    for (AggregateCall c : aggregate.getAggCallList()) {
      Optional<RexNode> arg = c.getArgList().isEmpty() ? Optional.empty()
          : Optional.of(b.field(otherStart + c.getArgList().get(0) - shift));
      RexNode weighted = switch (c.getAggregation().getKind()) {
        case COUNT -> arg.filter(a -> a.getType().isNullable())
            .<RexNode>map(a -> rex.makeCall(SqlStdOperatorTable.CASE, rex.makeCall(SqlStdOperatorTable.IS_NULL, a),
                rex.makeZeroLiteral(count.getType()), count))
            .orElse(count);
        case SUM, SUM0 -> rex.makeCall(SqlStdOperatorTable.MULTIPLY, arg.orElseThrow(), count);
        default -> arg.orElseThrow();
      };
      int field = projects.size();
      projects.add(weighted);
      RexInputRef ref = new RexInputRef(field, weighted.getType());
      calls.add(switch (c.getAggregation().getKind()) {
        case COUNT, SUM0 -> b.aggregateCall(SqlStdOperatorTable.SUM0, ref);
        case SUM -> b.sum(ref);
        case MIN -> b.min(ref);
        case MAX -> b.max(ref);
        default -> b.aggregateCall(c.getAggregation(), ref);
      });
    }
    b.project(projects);
    // Project fields are referenced by position: the RexInputRefs above were made against this projection.
    List<RelBuilder.AggCall> named = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      named.add(calls.get(i).as(aggregate.getAggCallList().get(i).getName()));
    }
    b.aggregate(b.groupKey(aggregate.getGroupSet().asList().stream().mapToInt(g -> g - shift).toArray()), named);
    List<RexNode> typed = new ArrayList<>();
    List<RelDataTypeField> fields = aggregate.getRowType().getFieldList();
    for (int i = 0; i < fields.size(); i++) {
      typed.add(rex.ensureType(fields.get(i).getType(), b.field(i), true));
    }
    return b.project(typed, aggregate.getRowType().getFieldNames(), true).build();
  }
}
