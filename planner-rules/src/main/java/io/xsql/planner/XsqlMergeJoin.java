package io.xsql.planner;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.function.Predicate2;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.BiRel;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;

/**
 * A merge join of two inputs ordered on the join keys (ascending, NULLs last), for every join type; it
 * checks the order as it reads ({@link MergeJoinPlan}). Conditions besides the keys, if any, are checked
 * on each pair of rows with equal keys.
 */
public final class XsqlMergeJoin extends BiRel implements EnumerableRel {
  private static final Method JOIN =
      Types.lookupMethod(MergeJoinPlan.class, "join", Enumerable.class, Enumerable.class);
  private static final Method JOIN_RESIDUAL = Types.lookupMethod(MergeJoinPlan.class, "join", Enumerable.class,
      Enumerable.class, Predicate2.class);

  private final MergeJoinPlan plan;
  private final RelDataType joinRowType;
  /** The join's conditions besides its keys, over the left input's fields followed by the right one's. */
  private final Optional<RexNode> residual;

  XsqlMergeJoin(RelNode left, RelNode right, RelDataType rowType, MergeJoinPlan plan,
      Optional<RexNode> residual) {
    super(left.getCluster(), left.getCluster().traitSetOf(EnumerableConvention.INSTANCE), left, right);
    this.plan = plan;
    this.joinRowType = rowType;
    this.residual = residual;
  }

  @Override
  protected RelDataType deriveRowType() {
    return joinRowType;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new XsqlMergeJoin(inputs.get(0), inputs.get(1), joinRowType, plan, residual);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder block = new BlockBuilder();
    Expression left = JoinCode.arrays(implementor, block, this, 0, getLeft());
    Expression right = JoinCode.arrays(implementor, block, this, 1, getRight());
    Expression stashed = implementor.stash(plan, MergeJoinPlan.class);
    return JoinCode.result(implementor, block, this, residual.isEmpty()
        ? Expressions.call(stashed, JOIN, left, right)
        : Expressions.call(stashed, JOIN_RESIDUAL, left, right, JoinCode.residual(implementor,
            getLeft().getRowType(), getRight().getRowType(), residual.get(), getCluster().getRexBuilder())));
  }

  /**
   * The output's orders: the left keys ascending, NULLs last, as the left input is read, and for an inner
   * join the right keys too, equal to them. Rows of RIGHT and FULL joins that match nothing have no left
   * key and come at their right key's place, so those promise nothing.
   */
  List<RelCollation> outputOrders() {
    if (plan.type() == JoinRelType.RIGHT || plan.type() == JoinRelType.FULL) {
      return List.of();
    }
    RelCollation left = ascending(Arrays.stream(plan.leftKeys()));
    return plan.type() != JoinRelType.INNER ? List.of(left)
        : List.of(left, ascending(Arrays.stream(plan.rightKeys()).map(k -> plan.leftWidth() + k)));
  }

  private static RelCollation ascending(IntStream fields) {
    return RelCollations.of(fields.mapToObj(k -> new RelFieldCollation(k, RelFieldCollation.Direction.ASCENDING,
        RelFieldCollation.NullDirection.LAST)).toList());
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return Math.max(mq.getRowCount(getLeft()), mq.getRowCount(getRight()));
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double work = mq.getRowCount(getLeft()) + mq.getRowCount(getRight());
    return planner.getCostFactory().makeCost(work, work, 0);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .item("strategy", JoinStrategy.MERGE)
        .item("joinType", plan.type().lowerName)
        .item("leftKeys", names(getLeft(), plan.leftKeys()))
        .item("rightKeys", names(getRight(), plan.rightKeys()))
        .itemIf("firstMatch", true, plan.firstMatch())
        .itemIf("residual", residual.orElse(null), residual.isPresent());
  }

  private static List<String> names(RelNode input, int[] keys) {
    List<String> fields = input.getRowType().getFieldNames();
    return Arrays.stream(keys).mapToObj(fields::get).toList();
  }
}
