package io.xsql.jdbc;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;

/** Calcite's JDBC-to-enumerable conversion, producing {@link JdbcToXsqlConverter}s. */
final class JdbcToXsqlConverterRule extends ConverterRule {

  private JdbcToXsqlConverterRule(Config config) {
    super(config);
  }

  /** The rule for one source's convention. */
  static JdbcToXsqlConverterRule create(JdbcConvention convention) {
    return Config.INSTANCE
        .withConversion(RelNode.class, convention, EnumerableConvention.INSTANCE, "JdbcToXsqlConverterRule")
        .withRuleFactory(JdbcToXsqlConverterRule::new)
        .toRule(JdbcToXsqlConverterRule.class);
  }

  @Override
  public RelNode convert(RelNode rel) {
    return new JdbcToXsqlConverter(rel.getCluster(), rel.getTraitSet().replace(getOutTrait()), rel);
  }
}
