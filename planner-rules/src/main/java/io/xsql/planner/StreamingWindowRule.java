package io.xsql.planner;

import io.xsql.spi.XsqlRuleConfig;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalWindow;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeFamily;

/**
 * Offers the cost-based search a streaming window over its input sorted on (partition, order) keys, beside
 * Calcite's window operator, which gathers its whole input. Where a source can sort (a database: the sort
 * goes into its SELECT, where an index may serve it) or the input is sorted already, the window then holds
 * a few rows rather than the table; over a file that is not sorted, the sort holds the rows either way.
 * Only keys that every source orders as xsql does qualify (numbers, dates, times, booleans).
 * What is left of Calcite's window operators after planning, {@link StreamingWindows} looks at again.
 */
final class StreamingWindowRule extends RelRule<XsqlRuleConfig> {
  static final XsqlRuleConfig CONFIG = XsqlRuleConfig.of("StreamingWindowRule",
      b0 -> b0.operand(LogicalWindow.class).anyInputs(), StreamingWindowRule::new);

  StreamingWindowRule(XsqlRuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalWindow window = call.rel(0);
    Optional<RelCollation> order = StreamingWindows.neededOrder(window).filter(o -> comparesAlike(window, o));
    Optional<WindowPlan> plan = order.flatMap(o -> StreamingWindows.calls(window));
    if (plan.isEmpty()) {
      return;
    }
    RelNode input = convert(window.getInput(), window.getInput().getTraitSet()
        .replace(EnumerableConvention.INSTANCE).replace(order.get()));
    call.transformTo(new XsqlStreamingWindow(window, window.getTraitSet().replace(EnumerableConvention.INSTANCE)
        .replace(order.get()), input, window.constants, plan.get()));
  }

  /**
   * Whether every key is of a type that every source orders and compares as xsql does: not text, which a
   * database sorts by its collation (MySQL's default one puts 'a' and 'A' together in any order, which
   * would split a partition), nor binary or structured values.
   */
  private static boolean comparesAlike(LogicalWindow window, RelCollation order) {
    List<RelDataTypeField> fields = window.getInput().getRowType().getFieldList();
    return order.getFieldCollations().stream().map(f -> fields.get(f.getFieldIndex()).getType()).allMatch(t ->
        SqlTypeFamily.NUMERIC.contains(t) || SqlTypeFamily.DATETIME.contains(t) || SqlTypeFamily.DATE.contains(t)
            || SqlTypeFamily.TIME.contains(t) || SqlTypeFamily.TIMESTAMP.contains(t)
            || SqlTypeFamily.BOOLEAN.contains(t));
  }
}
