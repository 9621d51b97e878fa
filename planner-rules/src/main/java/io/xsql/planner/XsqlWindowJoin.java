package io.xsql.planner;

import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.function.Predicate2;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.BiRel;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;

/**
 * A join of two streams inside windows, for {@code SELECT STREAM}: both inputs are streams read before their
 * window functions (TUMBLE or HOP, the same on both), which it applies itself, and it emits each window's
 * joined rows when the watermarks of both streams pass the window's end ({@link WindowJoinPlan}). Its rows
 * are the windowed rows of the left stream followed by the right's, as the join it replaces gives them.
 */
public final class XsqlWindowJoin extends BiRel implements EnumerableRel {
  private static final Method RUN = Types.lookupMethod(WindowJoinPlan.class, "run", Enumerable.class,
      Enumerable.class, Predicate2.class, DataContext.class);

  private final WindowJoinPlan plan;
  /** The rows each window function gives: a stream's columns, then window_start and window_end. */
  private final RelDataType leftWindowed;
  private final RelDataType rightWindowed;
  /** The join's conditions besides its equal keys, over the left windowed row's fields, then the right's. */
  private final RexNode residual;

  XsqlWindowJoin(RelNode left, RelNode right, WindowJoinPlan plan, RelDataType rowType, RelDataType leftWindowed,
      RelDataType rightWindowed, RexNode residual) {
    super(left.getCluster(), left.getCluster().traitSetOf(EnumerableConvention.INSTANCE), left, right);
    this.rowType = rowType;
    this.plan = plan;
    this.leftWindowed = leftWindowed;
    this.rightWindowed = rightWindowed;
    this.residual = residual;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new XsqlWindowJoin(inputs.get(0), inputs.get(1), plan, rowType, leftWindowed, rightWindowed, residual);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    return JoinCode.twoInputs(implementor, this, implementor.stash(plan, WindowJoinPlan.class), RUN,
        JoinCode.residual(implementor, leftWindowed, rightWindowed, residual, getCluster().getRexBuilder()),
        implementor.getRootExpression());
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    List<String> names = rowType.getFieldNames();
    int width = leftWindowed.getFieldCount();
    StringBuilder keys = new StringBuilder();
    for (int i = 0; i < plan.left().keys().length; i++) {
      keys.append(i == 0 ? "" : ", ").append(names.get(plan.left().keys()[i])).append(" = ")
          .append(names.get(width + plan.right().keys()[i]));
    }
    return super.explainTerms(pw).item("window", plan.describe()).item("joinType", plan.type().lowerName)
        .item("keys", keys).itemIf("condition", residual, !residual.isAlwaysTrue());
  }
}
