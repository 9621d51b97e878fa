package io.xsql.jdbc;

import io.xsql.spi.XsqlRuleConfig;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

/**
 * A filter the database may not evaluate exactly, over a database's rows, sends it the conjuncts whose
 * rows it keeps all of xsql's and maybe more (text equality on MySQL and MariaDB, whose collations make
 * strings equal that differ in case, accents or trailing blanks, never unequal ones that are the same),
 * with the conjuncts it evaluates exactly, as a pre-filter ({@link JdbcPreFilter}); xsql then checks the
 * whole condition on the rows that leave the database (TPC-H Q3's customers of one market segment: a
 * fifth of MariaDB's table instead of all of it).
 */
final class JdbcPreFilterRule extends RelRule<XsqlRuleConfig> {
  private final JdbcPushdownConvention convention;

  private JdbcPreFilterRule(XsqlRuleConfig config, JdbcPushdownConvention convention) {
    super(config);
    this.convention = convention;
  }

  /** The rule for the rows of one database source, whose kind says what is a superset there. */
  static JdbcPreFilterRule create(JdbcPushdownConvention convention) {
    return (JdbcPreFilterRule) XsqlRuleConfig.of("JdbcPreFilterRule:" + convention.getName(),
        b0 -> b0.operand(LogicalFilter.class).oneInput(b1 -> b1.operand(RelNode.class)
            .predicate(r -> r.getConvention() == convention && !(r instanceof JdbcPreFilter)).anyInputs()),
        config -> new JdbcPreFilterRule(config, convention)).toRule();
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalFilter filter = call.rel(0);
    RelNode rows = call.rel(1);
    List<RexNode> conjuncts = RelOptUtil.conjunctions(filter.getCondition());
    if (JdbcPushdown.expression(convention.kind(), filter.getCondition())
        || conjuncts.stream().noneMatch(c -> JdbcPushdown.superset(convention.kind(), c))) {
      return;
    }
    List<RexNode> sent = conjuncts.stream().filter(c -> JdbcPushdown.expression(convention.kind(), c)
        || JdbcPushdown.superset(convention.kind(), c)).toList();
    RelNode pre = new JdbcPreFilter(rows.getCluster(), rows.getTraitSet(), rows,
        RexUtil.composeConjunction(rows.getCluster().getRexBuilder(), sent));
    call.transformTo(filter.copy(filter.getTraitSet(), pre, filter.getCondition()));
  }
}
