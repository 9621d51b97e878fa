package io.xsql.planner;

import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.type.RelDataType;

/**
 * A GROUP BY over a window table function (TUMBLE, HOP, SESSION) of a stream, for {@code SELECT STREAM}:
 * its input is the stream's rows before the window function, which it applies itself, and it emits each
 * window's groups when the stream's watermark passes the window's end ({@link WindowAggregatePlan}).
 * Calcite's aggregate would wait for the end of a stream that never ends.
 */
public final class XsqlWindowAggregate extends SingleRel implements EnumerableRel {
  private static final Method RUN = Types.lookupMethod(WindowAggregatePlan.class, "run", Enumerable.class,
      DataContext.class);

  private final WindowAggregatePlan plan;

  XsqlWindowAggregate(RelOptCluster cluster, RelTraitSet traits, RelNode input, RelDataType rowType,
      WindowAggregatePlan plan) {
    super(cluster, traits, input);
    this.rowType = rowType;
    this.plan = plan;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new XsqlWindowAggregate(getCluster(), traitSet, sole(inputs), rowType, plan);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("window", plan.describe())
        .item("groups", rowType.getFieldNames().subList(0, plan.keys().length))
        .item("aggregates", rowType.getFieldNames().subList(plan.keys().length, rowType.getFieldCount()));
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder block = new BlockBuilder();
    Expression rows = JoinCode.arrays(implementor, block, this, 0, getInput());
    return JoinCode.result(implementor, block, this, Expressions.call(
        implementor.stash(plan, WindowAggregatePlan.class), RUN, rows, implementor.getRootExpression()));
  }
}
