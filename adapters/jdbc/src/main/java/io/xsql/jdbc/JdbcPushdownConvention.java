package io.xsql.jdbc;

import java.util.function.Predicate;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverterRule;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.sql.SqlDialect;

/**
 * Calcite's JDBC convention for one source, with the rules that push filters, projections, joins,
 * aggregates and sorts into the database gated by {@link JdbcPushdown}, and whose subtrees leave the
 * database through a {@link JdbcToXsqlConverter} (which lookup joins can ask for rows by key).
 */
final class JdbcPushdownConvention extends JdbcConvention {
  private final JdbcSource source;
  private final JdbcKind kind;

  JdbcPushdownConvention(SqlDialect dialect, Expression expression, JdbcSource source) {
    super(dialect, expression, source.config().source());
    this.source = source;
    this.kind = source.config().kind();
  }

  /** The source whose tables are in this convention. */
  JdbcSource source() {
    return source;
  }

  JdbcKind kind() {
    return kind;
  }

  @Override
  public void register(RelOptPlanner planner) {
    for (RelOptRule rule : JdbcRules.rules(this)) {
      planner.addRule(checked(rule));
    }
    planner.addRule(JdbcSemiJoinRule.create(this, this::pushable));
    if (kind == JdbcKind.MYSQL) {
      planner.addRule(JdbcPreFilterRule.create(this));
    }
    planner.addRule(CoreRules.FILTER_SET_OP_TRANSPOSE);
    planner.addRule(CoreRules.PROJECT_REMOVE);
  }

  /**
   * Calcite's rule, or the same rule converting only the nodes whose contents the database computes alike;
   * subtrees leave the database through xsql's converter instead of Calcite's.
   */
  private RelOptRule checked(RelOptRule rule) {
    if (rule instanceof JdbcToEnumerableConverterRule) {
      return JdbcToXsqlConverterRule.create(this);
    }
    if (rule instanceof JdbcRules.JdbcFilterRule) {
      return gated(rule, Filter.class, f -> JdbcPushdown.expression(kind, f.getCondition()));
    }
    if (rule instanceof JdbcRules.JdbcProjectRule) {
      return gated(rule, Project.class, p -> JdbcPushdown.expressions(kind, p.getProjects()));
    }
    if (rule instanceof JdbcRules.JdbcJoinRule) {
      return gated(rule, Join.class, this::pushable);
    }
    if (rule instanceof JdbcRules.JdbcAggregateRule) {
      return gated(rule, Aggregate.class, a -> JdbcPushdown.aggregate(kind, a));
    }
    if (rule instanceof JdbcRules.JdbcSortRule) {
      return gated(rule, Sort.class, JdbcPushdown::sort);
    }
    return rule;
  }

  private boolean pushable(Join join) {
    return JdbcPushdown.expression(kind, join.getCondition());
  }

  /**
   * The rule rebuilt from its own configuration (so its class, and the checks in its {@code matches},
   * stay) with a conversion predicate. Calcite's own predicates (no user-defined functions, window
   * functions only where supported) are subsumed: {@link JdbcPushdown} admits neither.
   */
  private <R extends RelNode> RelOptRule gated(RelOptRule rule, Class<R> type, Predicate<? super R> pushable) {
    ConverterRule.Config config = (ConverterRule.Config) ((RelRule<?>) rule).config;
    return config.withConversion(type, pushable, Convention.NONE, this, rule.getClass().getSimpleName())
        .toRule();
  }
}
