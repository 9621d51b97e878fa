package io.xsql.planner;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.function.Predicate2;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.ParameterExpression;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.rel.BiRel;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.util.Pair;

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

  /**
   * A {@code Predicate2<Object[], Object[]>} that checks {@code condition}, written over a left row's
   * fields followed by a right row's, on two array rows: a join's conditions besides its keys, which SQL's
   * unknown fails.
   */
  static Expression residual(EnumerableRelImplementor implementor, RelDataType left, RelDataType right,
      RexNode condition, RexBuilder rex) {
    JavaTypeFactory types = implementor.getTypeFactory();
    ParameterExpression l = Expressions.parameter(Object[].class, "left");
    ParameterExpression r = Expressions.parameter(Object[].class, "right");
    RexProgramBuilder program = new RexProgramBuilder(SqlValidatorUtil.createJoinType(types, left, right, null,
        List.of()), rex);
    program.addCondition(condition);
    BlockBuilder body = new BlockBuilder();
    Expression test = RexToLixTranslator.translateCondition(program.getProgram(), types, body,
        new RexToLixTranslator.InputGetterImpl(List.of(Pair.of(l, arrayRows(types, left)),
            Pair.of(r, arrayRows(types, right)))),
        implementor::getCorrelVariableGetter, implementor.getConformance());
    body.add(Expressions.return_(null, test));
    return Expressions.lambda(Predicate2.class, body.toBlock(), l, r);
  }

  /**
   * Rows of {@code type} as {@code Object[]}s, even of one field: Calcite's default shape for a row of one
   * field is the bare value, which the join operators' array rows are not.
   */
  private static PhysType arrayRows(JavaTypeFactory types, RelDataType type) {
    return PhysTypeImpl.of(types, type, JavaRowFormat.ARRAY, false);
  }

  /**
   * The code of a two-input operator whose plan does the work: both inputs' rows as {@code Object[]}s, then
   * {@code more}, handed to {@code method} of the stashed {@code plan}, which returns the operator's rows.
   */
  static EnumerableRel.Result twoInputs(EnumerableRelImplementor implementor, BiRel rel, Expression plan,
      Method method, Expression... more) {
    BlockBuilder block = new BlockBuilder();
    List<Expression> arguments = new ArrayList<>();
    arguments.add(arrays(implementor, block, (EnumerableRel) rel, 0, rel.getLeft()));
    arguments.add(arrays(implementor, block, (EnumerableRel) rel, 1, rel.getRight()));
    arguments.addAll(List.of(more));
    return result(implementor, block, rel, Expressions.call(plan, method, arguments));
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
