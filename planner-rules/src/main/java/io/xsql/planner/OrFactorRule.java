package io.xsql.planner;

import io.xsql.spi.XsqlRuleConfig;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * Pulls the conjuncts every branch of an OR shares out of it: {@code (a = b AND x) OR (a = b AND y)}
 * becomes {@code a = b AND (x OR y)}, in a filter or a join condition. A join key written inside each
 * branch (TPC-H Q19's {@code p_partkey = l_partkey}) then reaches the join as an equi-key, instead of
 * leaving the join a nested loop over the whole OR.
 */
public final class OrFactorRule extends RelRule<XsqlRuleConfig> {

  /** For filters. */
  static final XsqlRuleConfig FILTER = XsqlRuleConfig.of("OrFactorRule:Filter",
      b -> b.operand(Filter.class).predicate(f -> hasOr(f.getCondition())).anyInputs(), OrFactorRule::new);

  /** For join conditions. */
  static final XsqlRuleConfig JOIN = XsqlRuleConfig.of("OrFactorRule:Join",
      b -> b.operand(Join.class).predicate(j -> hasOr(j.getCondition())).anyInputs(), OrFactorRule::new);

  OrFactorRule(XsqlRuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    if (call.rel(0) instanceof Filter filter) {
      RexNode factored = factored(call, filter.getCondition());
      if (!factored.equals(filter.getCondition())) {
        call.transformTo(filter.copy(filter.getTraitSet(), filter.getInput(), factored));
      }
    } else {
      Join join = call.rel(0);
      RexNode factored = factored(call, join.getCondition());
      if (!factored.equals(join.getCondition())) {
        call.transformTo(join.copy(join.getTraitSet(), factored, join.getLeft(), join.getRight(),
            join.getJoinType(), join.isSemiJoinDone()));
      }
    }
  }

  private static RexNode factored(RelOptRuleCall call, RexNode condition) {
    return RexUtil.pullFactors(call.builder().getRexBuilder(), condition);
  }

  private static boolean hasOr(RexNode condition) {
    return RexUtil.findOperatorCall(SqlStdOperatorTable.OR, condition) != null;
  }
}
