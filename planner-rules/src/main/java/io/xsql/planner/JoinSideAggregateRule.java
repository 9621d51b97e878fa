package io.xsql.planner;

import io.xsql.spi.XsqlRuleConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.ImmutableIntList;
import org.apache.calcite.util.mapping.Mappings;

/**
 * A GROUP BY over a join of two sources whose aggregates read one side only, a database's, while the other
 * side is unique on its join keys (TPC-H Q10: each customer's revenue from its orders' lines; Q13: each
 * customer's count of orders), aggregates the read side by its join keys (and the group keys it holds)
 * first, and joins the other side with those partial results: the database computes the partial aggregate
 * and returns a row per key instead of per row, and a key's rows meet their one partner as one row. A join
 * within one database is left to that database's planner. The aggregate above rolls the partial results
 * up: {@code COUNT} by {@code $SUM0}, {@code SUM}, {@code $SUM0}, MIN, MAX and ANY_VALUE by themselves; a
 * partner's uniqueness means no partial row is counted twice.
 *
 * <p>Inner joins (either side read), and LEFT joins whose right side is read: an unmatched left row then
 * meets NULL partial results, which the roll-up treats as the original aggregate treats the NULLs the join
 * made ({@code $SUM0} of a NULL count adds nothing). {@code COUNT(*)} over a LEFT join counts those rows
 * too and leaves the plan as it was; so do DISTINCT, FILTER or ordered calls, and join conditions besides
 * equal keys. A projection between the aggregate and the join computing arguments of one side
 * ({@link #PROJECTED}) is computed in that side first. Only where the read side holds at least
 * {@link JoinKeyCountRule#MIN_ROWS_PER_KEY} rows per partial group (see {@link JoinKeyCountRule#repeats})
 * and most of its keys find a partner ({@link #MIN_MATCHED}).
 */
public final class JoinSideAggregateRule extends RelRule<XsqlRuleConfig> {

  /** The least share of the read side's keys estimated to find a partner. */
  static final double MIN_MATCHED = 0.5;

  /** Matches an Aggregate directly over an inner or left Join. */
  static final XsqlRuleConfig CONFIG = XsqlRuleConfig.of("JoinSideAggregateRule",
      b0 -> b0.operand(Aggregate.class).predicate(a -> a.getGroupType() == Aggregate.Group.SIMPLE)
          .oneInput(b1 -> b1.operand(Join.class).predicate(JoinSideAggregateRule::innerOrLeft).anyInputs()),
      JoinSideAggregateRule::new);

  /**
   * Matches an Aggregate over a projection computing some of its arguments over an inner or left Join
   * (TPC-H Q10's {@code l_extendedprice * (1 - l_discount)}): the expressions are computed in the join's
   * inputs first.
   */
  static final XsqlRuleConfig PROJECTED = XsqlRuleConfig.of("JoinSideAggregateRule.PROJECTED",
      b0 -> b0.operand(Aggregate.class).predicate(a -> a.getGroupType() == Aggregate.Group.SIMPLE)
          .oneInput(b1 -> b1.operand(Project.class).oneInput(b2 -> b2.operand(Join.class)
              .predicate(JoinSideAggregateRule::innerOrLeft).anyInputs())),
      JoinSideAggregateRule::new);

  JoinSideAggregateRule(XsqlRuleConfig config) {
    super(config);
  }

  /** Whether a join is one the aggregate rules of the key counts phase read through. */
  static boolean innerOrLeft(Join join) {
    return join.getJoinType() == JoinRelType.INNER || join.getJoinType() == JoinRelType.LEFT;
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Aggregate aggregate = call.rel(0);
    if (call.rels.length == 2) {
      rewrite(call.getMetadataQuery(), call.builder(), aggregate, call.rel(1)).ifPresent(call::transformTo);
    } else {
      throughProject(call, aggregate, call.rel(1), call.rel(2));
    }
  }

  /**
   * The aggregate over the join with the projection's expressions computed in the join's inputs (none of
   * the null-generating side of a LEFT join, where they would meet NULLs the join makes), rewritten, then
   * its fields in the original order.
   */
  private static void throughProject(RelOptRuleCall call, Aggregate aggregate, Project project, Join join) {
    int leftWidth = join.getLeft().getRowType().getFieldCount();
    int rightWidth = join.getRight().getRowType().getFieldCount();
    ImmutableBitSet left = ImmutableBitSet.range(leftWidth);
    ImmutableBitSet right = ImmutableBitSet.range(leftWidth, leftWidth + rightWidth);
    List<RexNode> leftComputed = new ArrayList<>();
    List<RexNode> rightComputed = new ArrayList<>();
    List<RexNode> projects = project.getProjects();
    // Where each projected field is in the new join: a field of the join, or one computed on a side.
    int[] sideOf = new int[projects.size()];
    int[] indexOf = new int[projects.size()];
    for (int j = 0; j < projects.size(); j++) {
      RexNode e = projects.get(j);
      ImmutableBitSet bits = RelOptUtil.InputFinder.bits(e);
      if (e instanceof RexInputRef ref) {
        indexOf[j] = ref.getIndex();
      } else if (left.contains(bits)) {
        sideOf[j] = 1;
        indexOf[j] = leftComputed.size();
        leftComputed.add(e);
      } else if (right.contains(bits) && join.getJoinType() == JoinRelType.INNER) {
        sideOf[j] = 2;
        indexOf[j] = rightComputed.size();
        rightComputed.add(RexUtil.shift(e, -leftWidth));
      } else {
        return;
      }
    }
    int shift = leftComputed.size();
    int[] target = new int[projects.size()];
    for (int j = 0; j < projects.size(); j++) {
      target[j] = switch (sideOf[j]) {
        case 1 -> leftWidth + indexOf[j];
        case 2 -> leftWidth + shift + rightWidth + indexOf[j];
        default -> indexOf[j] < leftWidth ? indexOf[j] : indexOf[j] + shift;
      };
    }
    RelBuilder b = call.builder();
    b.push(join.getLeft()).project(concat(b.fields(), leftComputed));
    b.push(join.getRight()).project(concat(b.fields(), rightComputed));
    b.join(join.getJoinType(), RexUtil.shift(join.getCondition(), leftWidth, shift));
    RelNode computed = b.build();
    ImmutableBitSet groups = ImmutableBitSet.of(aggregate.getGroupSet().asList().stream()
        .map(g -> target[g]).toList());
    if (groups.cardinality() != aggregate.getGroupCount()) {
      return;
    }
    Mappings.TargetMapping mapping = Mappings.target(j -> target[j], projects.size(),
        computed.getRowType().getFieldCount());
    Aggregate moved = aggregate.copy(aggregate.getTraitSet(), computed, groups, null,
        aggregate.getAggCallList().stream().map(c -> c.transform(mapping)).toList());
    rewrite(call.getMetadataQuery(), b, moved, (Join) computed).ifPresent(rewritten -> {
      // The moved aggregate's groups come in the order of their new fields.
      b.push(rewritten);
      List<RexNode> fields = new ArrayList<>();
      for (int g : aggregate.getGroupSet()) {
        fields.add(b.field(groups.indexOf(target[g])));
      }
      for (int i = 0; i < aggregate.getAggCallList().size(); i++) {
        fields.add(b.field(groups.cardinality() + i));
      }
      call.transformTo(b.project(fields, aggregate.getRowType().getFieldNames(), true).build());
    });
  }

  private static List<RexNode> concat(List<RexNode> first, List<RexNode> second) {
    List<RexNode> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  /** The aggregate rewritten, when its calls read one side and the other is unique on its keys. */
  private static Optional<RelNode> rewrite(RelMetadataQuery mq, RelBuilder b, Aggregate aggregate, Join join) {
    JoinInfo info = join.analyzeCondition();
    if (!info.isEqui() || info.leftKeys.isEmpty() || info.nullExclusionFlags.contains(false)
        || !aggregate.getAggCallList().stream().allMatch(JoinKeyCountRule::weighable)) {
      return Optional.empty();
    }
    int leftWidth = join.getLeft().getRowType().getFieldCount();
    ImmutableBitSet args = ImmutableBitSet.of(aggregate.getAggCallList().stream()
        .flatMap(c -> c.getArgList().stream()).toList());
    ImmutableBitSet left = ImmutableBitSet.range(leftWidth);
    ImmutableBitSet right = ImmutableBitSet.range(leftWidth, join.getRowType().getFieldCount());
    boolean countsRows = aggregate.getAggCallList().stream().anyMatch(c -> c.getArgList().isEmpty());
    if (right.contains(args) && !(join.getJoinType() == JoinRelType.LEFT && countsRows)) {
      return read(mq, b, aggregate, join, info, true);
    } else if (left.contains(args) && join.getJoinType() == JoinRelType.INNER) {
      return read(mq, b, aggregate, join, info, false);
    }
    return Optional.empty();
  }

  /** The rewrite when the unread side is unique on its keys and the read side repeats its partial groups. */
  private static Optional<RelNode> read(RelMetadataQuery mq, RelBuilder b, Aggregate aggregate, Join join,
      JoinInfo info, boolean right) {
    RelNode read = right ? join.getRight() : join.getLeft();
    RelNode partner = right ? join.getLeft() : join.getRight();
    ImmutableIntList readKeys = right ? info.rightKeys : info.leftKeys;
    ImmutableIntList partnerKeys = right ? info.leftKeys : info.rightKeys;
    int shift = right ? join.getLeft().getRowType().getFieldCount() : 0;
    int readWidth = read.getRowType().getFieldCount();
    // The partial groups: the read side's keys and the group keys it holds (its fields, in the order an
    // aggregate outputs its groups).
    ImmutableBitSet.Builder groupSet = ImmutableBitSet.builder().addAll(readKeys);
    for (int g : aggregate.getGroupSet()) {
      int field = g - shift;
      if (field >= 0 && field < readWidth) {
        groupSet.set(field);
      }
    }
    List<Integer> groups = groupSet.build().asList();
    Optional<Convention> database = JoinGraph.source(read);
    if (database.isEmpty() || database.equals(JoinGraph.source(partner))
        || !Boolean.TRUE.equals(mq.areColumnsUnique(partner, ImmutableBitSet.of(partnerKeys)))
        || !JoinKeyCountRule.repeats(mq, read, ImmutableIntList.copyOf(groups))
        || !mostlyMatched(mq, read, readKeys, partner)) {
      return Optional.empty();
    }
    return Optional.of(partial(b, aggregate, join, readKeys, partnerKeys, groups, right));
  }

  /**
   * Whether most of the read side's keys find a partner (as many partner rows, each of a key of its own, as
   * {@link #MIN_MATCHED} of the read side's distinct keys): a join that drops most of the read side is
   * better joined first, or looked up, than aggregated for every key (within one database, TPC-H Q10's
   * lines of one quarter's orders, aggregated per order of every quarter first, took half as long again).
   */
  private static boolean mostlyMatched(RelMetadataQuery mq, RelNode read, ImmutableIntList readKeys,
      RelNode partner) {
    Double partners = mq.getRowCount(partner);
    Double keys = mq.getDistinctRowCount(read, ImmutableBitSet.of(readKeys), null);
    return partners != null && keys != null && partners >= MIN_MATCHED * keys;
  }

  /**
   * The partner joined with the read side's partial aggregate (fields: the partial groups, then one per
   * call), then the roll-up, then casts back to the original call types where the roll-up changed them.
   */
  private static RelNode partial(RelBuilder b, Aggregate aggregate, Join join, ImmutableIntList readKeys,
      ImmutableIntList partnerKeys, List<Integer> groups, boolean right) {
    RelNode read = right ? join.getRight() : join.getLeft();
    RelNode partner = right ? join.getLeft() : join.getRight();
    int leftWidth = join.getLeft().getRowType().getFieldCount();
    int shift = right ? leftWidth : 0;
    int partnerWidth = partner.getRowType().getFieldCount();
    List<AggregateCall> calls = aggregate.getAggCallList();

    JoinKeyCountRule.joinPerKey(b, partner, right, () -> {
      b.push(read);
      List<RelBuilder.AggCall> partials = new ArrayList<>();
      for (AggregateCall c : calls) {
        List<RexNode> operands = c.getArgList().stream().<RexNode>map(a -> b.field(a - shift)).toList();
        partials.add(b.aggregateCall(c.getAggregation(), operands));
      }
      b.aggregate(b.groupKey(ImmutableBitSet.of(groups)), partials);
    }, partnerKeys, readKeys, groups, join.getJoinType());

    // Where each field of the original join is now: the partner's in place, the read side's group keys
    // among the partial groups.
    int partialStart = right ? partnerWidth : 0;
    int partnerStart = right ? 0 : groups.size() + calls.size();
    int[] group = aggregate.getGroupSet().asList().stream().mapToInt(g -> {
      int field = g - shift;
      boolean ofRead = field >= 0 && field < read.getRowType().getFieldCount();
      return ofRead ? partialStart + groups.indexOf(field) : partnerStart + (right ? g : g - leftWidth);
    }).toArray();
    List<RelBuilder.AggCall> rollUps = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      AggregateCall c = calls.get(i);
      RexNode partial = b.field(partialStart + groups.size() + i);
      rollUps.add((switch (c.getAggregation().getKind()) {
        case COUNT, SUM0 -> b.aggregateCall(SqlStdOperatorTable.SUM0, partial);
        default -> b.aggregateCall(c.getAggregation(), partial);
      }).as(c.getName()));
    }
    ImmutableBitSet groupSet = ImmutableBitSet.of(group);
    b.aggregate(b.groupKey(groupSet), rollUps);
    // The roll-up's groups come in the order of their new fields; the original order is restored here.
    RexBuilder rex = b.getRexBuilder();
    List<RexNode> typed = new ArrayList<>();
    List<RelDataTypeField> fields = aggregate.getRowType().getFieldList();
    for (int i = 0; i < fields.size(); i++) {
      int field = i < group.length ? groupSet.indexOf(group[i]) : i;
      typed.add(rex.ensureType(fields.get(i).getType(), b.field(field), true));
    }
    return b.project(typed, aggregate.getRowType().getFieldNames(), true).build();
  }
}
