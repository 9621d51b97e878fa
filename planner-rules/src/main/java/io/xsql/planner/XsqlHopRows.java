package io.xsql.planner;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.type.RelDataType;

/**
 * HOP over its input ({@link HopWindows}): each input row once per hopping window holding its time, with
 * the window's start and end after its columns, placed as Calcite places them ({@link StreamWindow}).
 */
public final class XsqlHopRows extends SingleRel implements EnumerableRel {
  private final StreamWindow window;

  XsqlHopRows(TableFunctionScan scan, StreamWindow window) {
    this(scan.getCluster(), scan.getTraitSet(), scan.getInput(0), scan.getRowType(), window);
  }

  private XsqlHopRows(RelOptCluster cluster, RelTraitSet traits, RelNode input, RelDataType rowType,
      StreamWindow window) {
    super(cluster, traits, input);
    this.rowType = rowType;
    this.window = window;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new XsqlHopRows(getCluster(), traitSet, sole(inputs), rowType, window);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("window", window.describe());
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    BlockBuilder builder = new BlockBuilder();
    Expression rows = input.physType.convertTo(builder.append("input", input.block), JavaRowFormat.ARRAY);
    builder.add(Expressions.call(HopRows.class, "of", rows, Expressions.constant(window.timeColumn()),
        Expressions.constant(window.size()), Expressions.constant(window.slide()),
        Expressions.constant(window.offset())));
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    return implementor.result(physType, builder.toBlock());
  }
}
