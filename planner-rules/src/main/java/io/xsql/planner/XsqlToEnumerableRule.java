package io.xsql.planner;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;

/** Makes the enumerable scan, which runs, from a logical one with everything pushed into it. */
public final class XsqlToEnumerableRule extends ConverterRule {
  static final Config CONFIG = Config.INSTANCE
      .withConversion(XsqlTableScan.class, Convention.NONE, EnumerableConvention.INSTANCE,
          "XsqlToEnumerableRule")
      .withRuleFactory(XsqlToEnumerableRule::new);

  XsqlToEnumerableRule(Config config) {
    super(config);
  }

  @Override
  public RelNode convert(RelNode rel) {
    return XsqlEnumerableScan.of((XsqlTableScan) rel);
  }
}
