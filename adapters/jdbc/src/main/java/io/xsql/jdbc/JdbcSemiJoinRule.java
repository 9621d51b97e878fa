package io.xsql.jdbc;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;

/**
 * Semi- and anti-joins into the database, which Calcite's join rule refuses: a decorrelated {@code EXISTS}
 * (TPC-H Q4) then runs as the database's semi-join instead of a join with the inner side's distinct keys.
 * Their SQL is written by {@link JdbcSqlForm}.
 */
final class JdbcSemiJoinRule extends JdbcRules.JdbcJoinRule {
  private static final Set<JoinRelType> SEMI_OR_ANTI = EnumSet.of(JoinRelType.SEMI, JoinRelType.ANTI);

  private JdbcSemiJoinRule(Config config) {
    super(config);
  }

  /** The rule for {@code out}, converting the semi- and anti-joins that {@code pushable} admits. */
  static JdbcSemiJoinRule create(JdbcConvention out, Predicate<Join> pushable) {
    Predicate<Join> semi = j -> SEMI_OR_ANTI.contains(j.getJoinType()) && pushable.test(j);
    return Config.INSTANCE
        .withConversion(Join.class, semi, Convention.NONE, out, "JdbcSemiJoinRule")
        .withRuleFactory(JdbcSemiJoinRule::new)
        .toRule(JdbcSemiJoinRule.class);
  }

  @Override
  public RelNode convert(RelNode rel) {
    return convert((Join) rel, true);
  }
}
