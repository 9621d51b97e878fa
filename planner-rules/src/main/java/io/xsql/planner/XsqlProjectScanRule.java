package io.xsql.planner;

import io.xsql.spi.XsqlRuleConfig;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.ImmutableIntList;
import org.apache.calcite.util.mapping.Mappings;

/**
 * Asks a scan for only the columns a projection above it uses; the projection stays only if it computes
 * something.
 */
public final class XsqlProjectScanRule extends RelRule<XsqlRuleConfig> {

  /** Matches any Project directly over a logical {@link XsqlTableScan}. */
  static final XsqlRuleConfig CONFIG = XsqlRuleConfig.of("XsqlProjectScanRule",
      b0 -> b0.operand(Project.class).oneInput(b1 -> b1.operand(XsqlTableScan.class).predicate(XsqlTableScan::isLogical).noInputs()),
      XsqlProjectScanRule::new);

  XsqlProjectScanRule(XsqlRuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Project project = call.rel(0);
    XsqlTableScan scan = call.rel(1);
    if (project.isMapping()) {
      // Plain column references: the scan produces them directly, in the projection's order.
      List<Integer> newColumns = new ArrayList<>();
      for (RexNode e : project.getProjects()) {
        newColumns.add(scan.columns.get(((RexInputRef) e).getIndex()));
      }
      if (!newColumns.equals(scan.columns)) {
        call.transformTo(scan.withColumns(ImmutableIntList.copyOf(newColumns)));
      }
      return;
    }
    ImmutableBitSet used = RelOptUtil.InputFinder.bits(project.getProjects(), null);
    if (used.cardinality() == scan.columns.size()) {
      return;
    }
    List<Integer> newColumns = new ArrayList<>();
    for (int field : used) {
      newColumns.add(scan.columns.get(field));
    }
    Mappings.TargetMapping mapping =
        Mappings.target(used::indexOf, scan.columns.size(), used.cardinality());
    List<RexNode> projects = RexPermuteInputsShuttle.of(mapping).visitList(project.getProjects());
    call.transformTo(call.builder()
        .push(scan.withColumns(ImmutableIntList.copyOf(newColumns)))
        .project(projects, project.getRowType().getFieldNames())
        .build());
  }
}
