package io.xsql.jdbc;

import java.util.List;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
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
 * aggregates and sorts into the database gated by {@link JdbcPushdown}.
 */
final class JdbcPushdownConvention extends JdbcConvention {
  private final JdbcKind kind;

  JdbcPushdownConvention(SqlDialect dialect, Expression expression, String name, JdbcKind kind) {
    super(dialect, expression, name);
    this.kind = kind;
  }

  @Override
  public void register(RelOptPlanner planner) {
    for (RelOptRule rule : JdbcRules.rules(this)) {
      planner.addRule(checked(rule));
    }
    planner.addRule(CoreRules.FILTER_SET_OP_TRANSPOSE);
    planner.addRule(CoreRules.PROJECT_REMOVE);
  }

  private RelOptRule checked(RelOptRule rule) {
    if (rule instanceof JdbcRules.JdbcFilterRule r) {
      return new FilterRule((ConverterRule.Config) r.config, kind);
    }
    if (rule instanceof JdbcRules.JdbcProjectRule r) {
      return new ProjectRule((ConverterRule.Config) r.config, kind);
    }
    if (rule instanceof JdbcRules.JdbcJoinRule r) {
      return new JoinRule((ConverterRule.Config) r.config, kind);
    }
    if (rule instanceof JdbcRules.JdbcAggregateRule r) {
      return new AggregateRule((ConverterRule.Config) r.config, kind);
    }
    if (rule instanceof JdbcRules.JdbcSortRule r) {
      return new SortRule((ConverterRule.Config) r.config);
    }
    return rule;
  }

  /** Pushes a filter whose condition the database evaluates exactly. */
  private static final class FilterRule extends JdbcRules.JdbcFilterRule {
    private final JdbcKind kind;

    FilterRule(Config config, JdbcKind kind) {
      super(config);
      this.kind = kind;
    }

    @Override
    public boolean matches(RelOptRuleCall call) {
      Filter filter = call.rel(0);
      return super.matches(call) && JdbcPushdown.expression(kind, filter.getCondition());
    }
  }

  /** Pushes a projection whose expressions the database evaluates exactly. */
  private static final class ProjectRule extends JdbcRules.JdbcProjectRule {
    private final JdbcKind kind;

    ProjectRule(Config config, JdbcKind kind) {
      super(config);
      this.kind = kind;
    }

    @Override
    public boolean matches(RelOptRuleCall call) {
      Project project = call.rel(0);
      return super.matches(call) && JdbcPushdown.expressions(kind, project.getProjects());
    }
  }

  /** Pushes a join between two tables of the source whose condition the database evaluates exactly. */
  private static final class JoinRule extends JdbcRules.JdbcJoinRule {
    private final JdbcKind kind;

    JoinRule(Config config, JdbcKind kind) {
      super(config);
      this.kind = kind;
    }

    @Override
    public boolean matches(RelOptRuleCall call) {
      Join join = call.rel(0);
      return super.matches(call) && JdbcPushdown.expressions(kind, List.of(join.getCondition()));
    }
  }

  /** Pushes an aggregate whose groups and results the database computes exactly. */
  private static final class AggregateRule extends JdbcRules.JdbcAggregateRule {
    private final JdbcKind kind;

    AggregateRule(Config config, JdbcKind kind) {
      super(config);
      this.kind = kind;
    }

    @Override
    public boolean matches(RelOptRuleCall call) {
      Aggregate aggregate = call.rel(0);
      return super.matches(call) && JdbcPushdown.aggregate(kind, aggregate);
    }
  }

  /** Pushes ORDER BY, LIMIT and OFFSET unless text is sorted (by the database's collation). */
  private static final class SortRule extends JdbcRules.JdbcSortRule {
    SortRule(Config config) {
      super(config);
    }

    @Override
    public boolean matches(RelOptRuleCall call) {
      Sort sort = call.rel(0);
      return super.matches(call) && JdbcPushdown.sort(sort);
    }
  }
}
