package io.xsql.planner;

import io.xsql.spi.ErrorCode;
import io.xsql.spi.SourceException;
import io.xsql.spi.XsqlRuleConfig;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.logical.LogicalTableFunctionScan;
import org.apache.calcite.rel.stream.Delta;
import org.apache.calcite.rel.stream.LogicalDelta;

/**
 * {@code SELECT STREAM} over TUMBLE or HOP without a GROUP BY: the window function goes above the stream
 * (a Delta over the function becomes the function over a Delta), since Calcite's runtime for both places
 * each row as it comes. A session's rows are known only when it ends, so SESSION is refused there unless a
 * GROUP BY over its window aggregates it ({@link StreamWindowAggregateRule}).
 */
final class StreamWindowRule extends RelRule<XsqlRuleConfig> {
  static final XsqlRuleConfig CONFIG = XsqlRuleConfig.of("StreamWindowRule",
      b0 -> b0.operand(Delta.class).oneInput(b1 -> b1.operand(LogicalTableFunctionScan.class)
          .predicate(s -> s.getInputs().size() == 1 && StreamWindow.of(s).isPresent()).anyInputs()),
      StreamWindowRule::new);

  StreamWindowRule(XsqlRuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalTableFunctionScan scan = call.rel(1);
    if (StreamWindow.of(scan).orElseThrow().kind() == StreamWindow.Kind.SESSION) {
      throw new SourceException(ErrorCode.UNSUPPORTED, "SELECT STREAM over SESSION needs a GROUP BY over"
          + " window_start and window_end: a session's rows are known only when the session ends");
    }
    call.transformTo(LogicalTableFunctionScan.create(scan.getCluster(),
        List.of(LogicalDelta.create(scan.getInput(0))), scan.getCall(), scan.getElementType(), scan.getRowType(),
        scan.getColumnMappings()));
  }
}
