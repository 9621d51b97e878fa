package io.xsql.planner;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.ParameterExpression;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.type.RelDataType;

/**
 * The input of the operator inside a {@link XsqlSegmented}: the rows of one run, which the generated code
 * receives as the parameter of the function it runs per run.
 */
final class XsqlSegmentRows extends AbstractRelNode implements EnumerableRel {
  private final RelDataType rowType;
  private final ParameterExpression rows;

  XsqlSegmentRows(RelOptCluster cluster, RelDataType rowType, ParameterExpression rows) {
    super(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE));
    this.rowType = rowType;
    this.rows = rows;
  }

  @Override
  protected RelDataType deriveRowType() {
    return rowType;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return this;
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("rows", "one run");
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    return implementor.result(PhysTypeImpl.of(implementor.getTypeFactory(), rowType, JavaRowFormat.ARRAY),
        Blocks.toBlock(Expressions.call(RowShapes.class, "shaped", rows,
            Expressions.constant(rowType.getFieldCount()))));
  }
}
