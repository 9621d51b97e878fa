package io.xsql.planner;

import java.lang.reflect.Method;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.rel.RelNode;

/** The code xsql's join operators generate around their run-time plans, which compute with arrays. */
final class JoinCode {
  private static final Method SHAPED = Types.lookupMethod(RowShapes.class, "shaped", Enumerable.class,
      int.class);

  private JoinCode() {}

  /** Declares input {@code ordinal}'s rows, converted to {@code Object[]}s, in {@code block}. */
  static Expression arrays(EnumerableRelImplementor implementor, BlockBuilder block, EnumerableRel parent,
      int ordinal, RelNode input) {
    EnumerableRel.Result child = implementor.visitChild(parent, ordinal, (EnumerableRel) input,
        EnumerableRel.Prefer.ARRAY);
    Expression rows = block.append("input" + ordinal, child.block);
    return block.append("rows" + ordinal, child.physType.convertTo(rows, JavaRowFormat.ARRAY));
  }

  /** Ends {@code block} returning the operator's array rows in Calcite's shape for its row type. */
  static EnumerableRel.Result result(EnumerableRelImplementor implementor, BlockBuilder block, RelNode rel,
      Expression arrayRows) {
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), rel.getRowType(), JavaRowFormat.ARRAY);
    block.add(Expressions.return_(null, Expressions.call(SHAPED, arrayRows,
        Expressions.constant(rel.getRowType().getFieldCount()))));
    return implementor.result(physType, block.toBlock());
  }
}
