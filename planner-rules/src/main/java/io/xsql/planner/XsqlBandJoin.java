package io.xsql.planner;

import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.function.Predicate2;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.BiRel;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;

/**
 * A band join: a merge join on a range, its left input ordered on a point and its right input on the
 * lower bound of the range the point must fall in ({@link BandJoinPlan}), for a join with no equal keys.
 */
public final class XsqlBandJoin extends BiRel implements EnumerableRel {
  private static final Method JOIN = Types.lookupMethod(BandJoinPlan.class, "join", Enumerable.class,
      Enumerable.class, Predicate2.class);

  private final BandJoinPlan plan;
  private final RelDataType joinRowType;
  /** The join's whole condition, over the left input's fields followed by the right one's. */
  private final RexNode condition;
  /** The estimate of the join this operator runs, as the planner made it for the join's inputs. */
  private final double joinRows;

  XsqlBandJoin(RelNode left, RelNode right, RelDataType rowType, BandJoinPlan plan, RexNode condition,
      double joinRows) {
    super(left.getCluster(), left.getCluster().traitSetOf(EnumerableConvention.INSTANCE), left, right);
    this.plan = plan;
    this.joinRowType = rowType;
    this.condition = condition;
    this.joinRows = joinRows;
  }

  @Override
  protected RelDataType deriveRowType() {
    return joinRowType;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new XsqlBandJoin(inputs.get(0), inputs.get(1), joinRowType, plan, condition, joinRows);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    return JoinCode.twoInputs(implementor, this, implementor.stash(plan, BandJoinPlan.class), JOIN,
        JoinCode.residual(implementor, getLeft().getRowType(), getRight().getRowType(), condition,
            getCluster().getRexBuilder()));
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return joinRows;
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double work = mq.getRowCount(getLeft()) + mq.getRowCount(getRight()) + joinRows;
    return planner.getCostFactory().makeCost(work, work, 0);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    List<String> left = getLeft().getRowType().getFieldNames();
    List<String> right = getRight().getRowType().getFieldNames();
    return super.explainTerms(pw)
        .item("strategy", JoinStrategy.MERGE)
        .item("joinType", plan.type().lowerName)
        .item("band", left.get(plan.point()) + " from " + right.get(plan.lower()) + " to " + right.get(plan.upper()))
        .item("condition", condition);
  }
}
