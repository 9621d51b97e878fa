package io.xsql.planner;

import io.xsql.spi.Predicate;
import io.xsql.spi.XsqlRuleConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

/**
 * Hands the WHERE conjuncts a table can evaluate to its scan; the rest stay in a filter above it.
 */
public final class XsqlFilterScanRule extends RelRule<XsqlRuleConfig> {

  /** Matches any Filter directly over a logical {@link XsqlTableScan}. */
  static final XsqlRuleConfig CONFIG = XsqlRuleConfig.of("XsqlFilterScanRule",
      b0 -> b0.operand(Filter.class).oneInput(b1 -> b1.operand(XsqlTableScan.class).predicate(XsqlTableScan::isLogical).noInputs()),
      XsqlFilterScanRule::new);

  XsqlFilterScanRule(XsqlRuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Filter filter = call.rel(0);
    XsqlTableScan scan = call.rel(1);
    RexNode condition = RexUtil.expandSearch(filter.getCluster().getRexBuilder(), null,
        filter.getCondition());
    List<Predicate> pushed = new ArrayList<>();
    List<RexNode> remaining = new ArrayList<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(condition)) {
      Optional<Predicate> p = ScanFilters.translate(conjunct, scan.columns::get, scan.dataTable());
      if (p.isPresent()) {
        pushed.add(p.get());
      } else {
        remaining.add(conjunct);
      }
    }
    if (pushed.isEmpty()) {
      return;
    }
    call.transformTo(call.builder().push(scan.withFilters(pushed)).filter(remaining).build());
  }
}
