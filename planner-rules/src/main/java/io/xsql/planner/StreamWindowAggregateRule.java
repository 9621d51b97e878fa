package io.xsql.planner;

import io.xsql.spi.ErrorCode;
import io.xsql.spi.SourceException;
import io.xsql.spi.XsqlRuleConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.stream.Delta;
import org.apache.calcite.rel.stream.LogicalDelta;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;

/**
 * Plans {@code SELECT STREAM ... FROM TABLE(TUMBLE|HOP|SESSION(...)) GROUP BY window_start, window_end, ...}
 * as an {@link XsqlWindowAggregate} over the stream read before the window function (whose windows the
 * operator places itself, reading the event time). Between the function and the GROUP BY it takes columns
 * as they are and WHERE conditions on the stream's own columns (these move below the function); anything
 * else, and aggregates other than COUNT, SUM, MIN and MAX, fail with 0A000 saying so. A GROUP BY of the
 * stream's event time column itself (a monotonic key, up to the watermark) runs the same way, each event
 * time being a window of its own.
 */
final class StreamWindowAggregateRule extends RelRule<XsqlRuleConfig> {
  static final XsqlRuleConfig CONFIG = XsqlRuleConfig.of("StreamWindowAggregateRule",
      b0 -> b0.operand(Delta.class).oneInput(b1 -> b1.operand(Aggregate.class).anyInputs()),
      StreamWindowAggregateRule::new);

  StreamWindowAggregateRule(XsqlRuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Delta delta = call.rel(0);
    Aggregate aggregate = call.rel(1);
    List<RelNode> chain = new ArrayList<>();
    RelNode node = XsqlDeltaRule.original(aggregate.getInput());
    while (node instanceof Project || node instanceof Filter) {
      chain.add(0, node);
      node = XsqlDeltaRule.original(node.getInput(0));
    }
    Optional<WindowPlanned> planned = Optional.empty();
    if (node instanceof TableFunctionScan function && function.getInputs().size() == 1) {
      planned = StreamWindow.of(function).map(w -> windowed(aggregate, chain, function, w));
    } else if (node instanceof XsqlTableScan scan) {
      planned = byEventTime(aggregate, chain, scan);
    }
    planned.ifPresent(p -> call.transformTo(new XsqlWindowAggregate(delta.getCluster(),
        delta.getTraitSet().replace(EnumerableConvention.INSTANCE),
        convert(LogicalDelta.create(p.stream()), p.stream().getTraitSet().replace(EnumerableConvention.INSTANCE)),
        aggregate.getRowType(), p.plan())));
  }

  /** A plan, and the rows it reads before they are made a stream. */
  private record WindowPlanned(WindowAggregatePlan plan, RelNode stream) {}

  /** A GROUP BY over a window function: the function's input is read, filtered by the WHERE between. */
  private static WindowPlanned windowed(Aggregate aggregate, List<RelNode> chain, TableFunctionScan function,
      StreamWindow window) {
    if (aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
      throw unsupported("GROUPING SETS, ROLLUP and CUBE are not computed over a stream's windows");
    }
    int width = function.getInput(0).getRowType().getFieldCount();
    // What each field of the current node is among the function's: its input's columns, then the window's.
    int[] fields = identity(width + 2);
    List<RexNode> conditions = new ArrayList<>();
    for (RelNode step : chain) {
      if (step instanceof Filter filter) {
        conditions.add(belowWindow(filter.getCondition(), fields, width));
      } else {
        fields = projected((Project) step, fields);
      }
    }
    int[] grouped = fields;
    int[] keys = aggregate.getGroupSet().asList().stream().mapToInt(k -> switch (grouped[k] - width) {
      case 0 -> WindowAggregatePlan.WINDOW_START;
      case 1 -> WindowAggregatePlan.WINDOW_END;
      default -> column(grouped[k], "grouped by");
    }).toArray();
    RelNode stream = function.getInput(0);
    if (!conditions.isEmpty()) {
      stream = LogicalFilter.create(stream, RexUtil.composeConjunction(function.getCluster().getRexBuilder(),
          conditions));
    }
    return new WindowPlanned(plan(aggregate, function.getInput(0), window, keys, fields, width), stream);
  }

  /**
   * A GROUP BY of the stream's event time column itself (and other columns): one window per event time,
   * complete once the watermark passes it, so its groups are emitted then. Reads the GROUP BY's input.
   */
  private static Optional<WindowPlanned> byEventTime(Aggregate aggregate, List<RelNode> chain,
      XsqlTableScan scan) {
    Optional<String> eventTime = StreamTiming.eventTime(scan).column();
    if (eventTime.isEmpty() || aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
      return Optional.empty();
    }
    int[] fields = identity(scan.getRowType().getFieldCount());
    for (RelNode step : chain) {
      if (step instanceof Project project) {
        fields = projected(project, fields);
      }
    }
    List<String> names = scan.getRowType().getFieldNames();
    int[] scanned = fields;
    int width = aggregate.getInput().getRowType().getFieldCount();
    return aggregate.getGroupSet().asList().stream()
        .filter(k -> scanned[k] >= 0 && names.get(scanned[k]).equals(eventTime.get()))
        .findFirst().map(k -> new WindowPlanned(plan(aggregate, scan, StreamWindow.instants(k),
            aggregate.getGroupSet().toArray(), identity(width), width), aggregate.getInput()));
  }

  private static WindowAggregatePlan plan(Aggregate aggregate, RelNode stream, StreamWindow window, int[] keys,
      int[] fields, int width) {
    List<WindowAggregatePlan.Call> calls = new ArrayList<>();
    for (AggregateCall c : aggregate.getAggCallList()) {
      calls.add(call(c, fields, width));
    }
    StreamTiming timing = StreamTiming.of(stream);
    return new WindowAggregatePlan(timing.source(), window, keys, calls, timing.eventTime());
  }

  private static int[] identity(int width) {
    int[] fields = new int[width];
    for (int i = 0; i < width; i++) {
      fields[i] = i;
    }
    return fields;
  }

  /** A field that must be a column of the stream, not an expression nor a window bound. */
  private static int column(int field, String use) {
    if (field < 0) {
      throw unsupported("a windowed GROUP BY over a stream takes columns as they are, not expressions ("
          + use + "); compute expressions in an outer query");
    }
    return field;
  }

  /** A WHERE condition rewritten over the stream's columns, below the window function. */
  private static RexNode belowWindow(RexNode condition, int[] fields, int width) {
    return condition.accept(new RexShuttle() {
      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        int field = column(fields[ref.getIndex()], "in WHERE");
        if (field >= width) {
          throw unsupported("a WHERE condition on window_start or window_end is not computed over a stream's"
              + " windows; filter the stream's own columns, or the grouped rows in an outer query");
        }
        return new RexInputRef(field, ref.getType());
      }
    });
  }

  /** The fields of a projection among those below it: -1 for an expression. */
  private static int[] projected(Project project, int[] fields) {
    int[] out = new int[project.getProjects().size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = project.getProjects().get(i) instanceof RexInputRef ref ? fields[ref.getIndex()] : -1;
    }
    return out;
  }

  private static WindowAggregatePlan.Call call(AggregateCall c, int[] fields, int width) {
    WindowAccumulator.Kind kind = switch (c.getAggregation().getKind()) {
      case COUNT -> WindowAccumulator.Kind.COUNT;
      case SUM -> WindowAccumulator.Kind.SUM;
      case SUM0 -> WindowAccumulator.Kind.SUM0;
      case MIN -> WindowAccumulator.Kind.MIN;
      case MAX -> WindowAccumulator.Kind.MAX;
      default -> throw unsupported(c.getAggregation().getName() + " is not computed over a stream's windows"
          + " (COUNT, SUM, MIN and MAX are)");
    };
    if (c.isDistinct() || c.filterArg >= 0 || c.getArgList().size() > 1
        || (c.getArgList().isEmpty() && kind != WindowAccumulator.Kind.COUNT)) {
      throw unsupported(c + " is not computed over a stream's windows (COUNT, SUM, MIN and MAX of a column are)");
    }
    int operand = c.getArgList().isEmpty() ? -1 : column(fields[c.getArgList().get(0)], "aggregated");
    if (operand >= width) {
      throw unsupported("aggregates of window_start or window_end are not computed over a stream's windows");
    }
    return new WindowAggregatePlan.Call(kind, operand, WindowValues.javaClass(c.getType()));
  }

  private static SourceException unsupported(String message) {
    return new SourceException(ErrorCode.UNSUPPORTED, "SELECT STREAM: " + message);
  }
}
