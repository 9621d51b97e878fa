package io.xsql.planner;

import io.xsql.spi.ErrorCode;
import io.xsql.spi.EventTime;
import io.xsql.spi.SourceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.plan.volcano.RelSubset;
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
 * else, and aggregates other than COUNT, SUM, MIN and MAX, fail with 0A000 saying so.
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
    RelNode node = original(aggregate.getInput());
    while (node instanceof Project || node instanceof Filter) {
      chain.add(0, node);
      node = original(node.getInput(0));
    }
    if (!(node instanceof TableFunctionScan function) || function.getInputs().size() != 1) {
      return;
    }
    Optional<StreamWindow> window = StreamWindow.of(function);
    if (window.isEmpty()) {
      return;
    }
    int width = function.getInput(0).getRowType().getFieldCount();
    // What each field of the current node is among the function's: its input's columns, then the window's.
    int[] fields = new int[width + 2];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = i;
    }
    List<RexNode> conditions = new ArrayList<>();
    for (RelNode step : chain) {
      if (step instanceof Filter filter) {
        conditions.add(belowWindow(filter.getCondition(), fields, width));
      } else {
        fields = projected((Project) step, fields);
      }
    }
    if (aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
      throw unsupported("GROUPING SETS, ROLLUP and CUBE are not computed over a stream's windows");
    }
    int[] grouped = fields;
    int[] keys = aggregate.getGroupSet().asList().stream().mapToInt(k -> grouped[k] == width
        ? WindowAggregatePlan.WINDOW_START : grouped[k] == width + 1 ? WindowAggregatePlan.WINDOW_END : grouped[k])
        .toArray();
    List<WindowAggregatePlan.Call> calls = new ArrayList<>();
    for (AggregateCall c : aggregate.getAggCallList()) {
      calls.add(call(c, fields, width));
    }
    Optional<XsqlTableScan> scan = scan(function.getInput(0));
    EventTime eventTime = scan.map(s -> s.xsqlTable instanceof XsqlStreamTable t ? t.stream().table().eventTime()
        : s.dataTable().eventTime()).orElse(EventTime.NONE);
    WindowAggregatePlan plan = new WindowAggregatePlan(scan.map(s -> s.xsqlTable.name()).orElse("stream"),
        window.get(), keys, calls, eventTime);
    RelNode stream = function.getInput(0);
    if (!conditions.isEmpty()) {
      stream = LogicalFilter.create(stream, RexUtil.composeConjunction(function.getCluster().getRexBuilder(),
          conditions));
    }
    RelNode input = convert(LogicalDelta.create(stream),
        stream.getTraitSet().replace(EnumerableConvention.INSTANCE));
    call.transformTo(new XsqlWindowAggregate(delta.getCluster(),
        delta.getTraitSet().replace(EnumerableConvention.INSTANCE), input, aggregate.getRowType(), plan));
  }

  /** The relation a planner's set was made from: the logical form SQL was converted to. */
  private static RelNode original(RelNode node) {
    return node instanceof RelSubset s ? Optional.ofNullable(s.getOriginal()).orElse(s.getRelList().get(0)) : node;
  }

  /** The scan at the bottom of a chain of one-input operators, whose stream has the event time settings. */
  private static Optional<XsqlTableScan> scan(RelNode node) {
    RelNode n = original(node);
    while (!(n instanceof XsqlTableScan) && n.getInputs().size() == 1) {
      n = original(n.getInput(0));
    }
    return n instanceof XsqlTableScan s ? Optional.of(s) : Optional.empty();
  }

  /** A WHERE condition rewritten over the stream's columns, below the window function. */
  private static RexNode belowWindow(RexNode condition, int[] fields, int width) {
    return condition.accept(new RexShuttle() {
      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        int field = fields[ref.getIndex()];
        if (field >= width) {
          throw unsupported("a WHERE condition on window_start or window_end is not computed over a stream's"
              + " windows; filter the stream's own columns, or the grouped rows in an outer query");
        }
        return new RexInputRef(field, ref.getType());
      }
    });
  }

  private static int[] projected(Project project, int[] fields) {
    int[] out = new int[project.getProjects().size()];
    for (int i = 0; i < out.length; i++) {
      if (!(project.getProjects().get(i) instanceof RexInputRef ref)) {
        throw unsupported("a windowed GROUP BY over a stream groups and aggregates columns as they are, not "
            + project.getProjects().get(i) + "; compute expressions in an outer query");
      }
      out[i] = fields[ref.getIndex()];
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
    int operand = c.getArgList().isEmpty() ? -1 : fields[c.getArgList().get(0)];
    if (operand >= width) {
      throw unsupported("aggregates of window_start or window_end are not computed over a stream's windows");
    }
    return new WindowAggregatePlan.Call(kind, operand, WindowValues.javaClass(c.getType()));
  }

  private static SourceException unsupported(String message) {
    return new SourceException(ErrorCode.UNSUPPORTED, "SELECT STREAM: " + message);
  }
}
