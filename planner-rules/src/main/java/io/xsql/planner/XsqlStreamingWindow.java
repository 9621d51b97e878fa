package io.xsql.planner;

import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rex.RexLiteral;

/**
 * Window functions over input already ordered by their partition and order keys, in one pass
 * ({@link WindowPlan}): the rows of a partition stream through rather than being gathered and sorted as
 * Calcite's window operator does with its whole input.
 */
public final class XsqlStreamingWindow extends Window implements EnumerableRel {
  private static final Method RUN = Types.lookupMethod(WindowPlan.class, "run", Enumerable.class);

  private final WindowPlan plan;

  XsqlStreamingWindow(Window window, RelTraitSet traits, RelNode input, List<RexLiteral> constants,
      WindowPlan plan) {
    super(window.getCluster(), traits, input, constants, window.getRowType(), window.groups);
    this.plan = plan;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new XsqlStreamingWindow(this, traitSet, sole(inputs), constants, plan);
  }

  @Override
  public Window copy(List<RexLiteral> newConstants) {
    return new XsqlStreamingWindow(this, getTraitSet(), getInput(), newConstants, plan);
  }

  /**
   * A hundredth of Calcite's window operator's: one pass, with no rows gathered. Calcite does not cost the
   * sort its window operator does inside, so only this makes a database's sort under a streaming window
   * (costed as a sort) win; a sort in xsql under it still loses, as it should, holding the rows either way.
   */
  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    RelOptCost cost = super.computeSelfCost(planner, mq);
    return cost == null ? null : cost.multiplyBy(0.01);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder block = new BlockBuilder();
    Expression rows = JoinCode.arrays(implementor, block, this, 0, getInput());
    return JoinCode.result(implementor, block, this,
        Expressions.call(implementor.stash(plan, WindowPlan.class), RUN, rows));
  }
}
