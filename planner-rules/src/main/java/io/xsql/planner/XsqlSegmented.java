package io.xsql.planner;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.ParameterExpression;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

/**
 * An operator that holds what it reads (a hash aggregate, Calcite's window operator) run once per run of
 * equal leading keys of its ordered input ({@link SegmentPlan}): a GROUP BY whose keys include the
 * input's leading sort keys holds the groups of one run, a window partitioned by them one partition,
 * rather than the whole input. Rows come out run by run, so the output keeps the input's order on those
 * keys.
 */
public final class XsqlSegmented extends SingleRel implements EnumerableRel {
  private static final Method RUN = Types.lookupMethod(SegmentPlan.class, "run", Enumerable.class,
      Function1.class);

  private final RelNode operator;
  private final ParameterExpression run;
  private final int[] keys;

  /**
   * @param operator the operator over one run, whose input is {@code run}'s {@link XsqlSegmentRows}
   * @param run the parameter through which the operator's generated code receives each run
   * @param keys the input columns whose runs of equal values the operator runs over
   * @param collation the output's order (the keys' order, as output columns)
   */
  XsqlSegmented(RelNode input, RelNode operator, ParameterExpression run, int[] keys, RelCollation collation) {
    super(input.getCluster(), operator.getTraitSet().replace(collation), input);
    this.operator = operator;
    this.run = run;
    this.keys = keys.clone();
  }

  /** {@code operator}, whose input is {@code input}, run once per run of equal {@code keys} of the input. */
  static XsqlSegmented of(RelNode operator, int[] keys, RelCollation collation) {
    RelNode input = operator.getInput(0);
    ParameterExpression run = Expressions.parameter(Enumerable.class, "run");
    RelNode perRun = operator.copy(operator.getTraitSet(),
        List.of(new XsqlSegmentRows(operator.getCluster(), input.getRowType(), run)));
    return new XsqlSegmented(input, perRun, run, keys, collation);
  }

  @Override
  protected RelDataType deriveRowType() {
    return operator.getRowType();
  }

  RelCollation collation() {
    return getTraitSet().getTrait(RelCollationTraitDef.INSTANCE);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new XsqlSegmented(sole(inputs), operator, run, keys, collation());
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return operator.computeSelfCost(planner, mq);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    List<String> fields = getInput().getRowType().getFieldNames();
    return super.explainTerms(pw)
        .item("runs", Arrays.stream(keys).mapToObj(fields::get).toList())
        .item("each", RelOptUtil.toString(operator).lines().findFirst().orElse(""));
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder block = new BlockBuilder();
    Expression rows = JoinCode.arrays(implementor, block, this, 0, getInput());
    Result each = implementor.visitChild(null, 0, (EnumerableRel) operator, pref);
    Expression perRun = Expressions.lambda(Function1.class, each.block, run);
    block.add(Expressions.return_(null, Expressions.call(implementor.stash(new SegmentPlan(keys), SegmentPlan.class),
        RUN, rows, perRun)));
    return implementor.result(each.physType, block.toBlock());
  }
}
