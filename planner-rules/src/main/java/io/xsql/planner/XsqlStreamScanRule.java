package io.xsql.planner;

import com.google.common.collect.ImmutableList;
import io.xsql.spi.XsqlRuleConfig;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.prepare.RelOptTableImpl;
import org.apache.calcite.rel.stream.Delta;

/**
 * Plans {@code SELECT STREAM} over a source's stream: a {@link Delta} (the changes to come) over the scan of
 * an {@link XsqlStreamTable} becomes the same scan of its {@link XsqlStreamTable#stream()} table. Calcite's
 * rule for this makes a scan no convention can run (the driver removes it); Calcite's transpose rules,
 * among its default ones, bring the Delta down to the scan through projections and filters first.
 */
public final class XsqlStreamScanRule extends RelRule<XsqlRuleConfig> {

  /** Matches a Delta directly over a logical scan of a stream table. */
  static final XsqlRuleConfig CONFIG = XsqlRuleConfig.of("XsqlStreamScanRule",
      b0 -> b0.operand(Delta.class).oneInput(b1 -> b1.operand(XsqlTableScan.class)
          .predicate(s -> s.isLogical() && s.xsqlTable instanceof XsqlStreamTable).noInputs()),
      XsqlStreamScanRule::new);

  XsqlStreamScanRule(XsqlRuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    XsqlTableScan scan = call.rel(1);
    XsqlTable stream = ((XsqlStreamTable) scan.xsqlTable).stream();
    RelOptTable table = scan.getTable();
    RelOptTable streamTable = RelOptTableImpl.create(table.getRelOptSchema(), table.getRowType(), stream,
        ImmutableList.<String>builder().addAll(table.getQualifiedName()).add("(STREAM)").build());
    call.transformTo(scan.over(streamTable, stream));
  }
}
