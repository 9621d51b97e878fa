package io.xsql.planner;

import io.xsql.spi.XsqlRuleConfig;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.util.ImmutableIntList;

/**
 * Reads no column at all for an aggregate that uses none, such as {@code COUNT(*)}: the source only counts
 * rows (and evaluates its filters).
 */
public final class XsqlAggregateScanRule extends RelRule<XsqlRuleConfig> {

  /** Matches any Aggregate directly over a logical {@link XsqlTableScan}. */
  static final XsqlRuleConfig CONFIG = XsqlRuleConfig.of("XsqlAggregateScanRule",
      b0 -> b0.operand(Aggregate.class).oneInput(b1 -> b1.operand(XsqlTableScan.class).predicate(XsqlTableScan::isLogical).noInputs()),
      XsqlAggregateScanRule::new);

  XsqlAggregateScanRule(XsqlRuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Aggregate aggregate = call.rel(0);
    XsqlTableScan scan = call.rel(1);
    if (scan.columns.isEmpty() || !aggregate.getGroupSet().isEmpty()) {
      return;
    }
    for (AggregateCall c : aggregate.getAggCallList()) {
      if (!c.getArgList().isEmpty() || c.filterArg >= 0 || !c.collation.getFieldCollations().isEmpty()) {
        return;
      }
    }
    call.transformTo(aggregate.copy(aggregate.getTraitSet(),
        scan.withColumns(ImmutableIntList.of()), aggregate.getGroupSet(), aggregate.getGroupSets(),
        aggregate.getAggCallList()));
  }
}
