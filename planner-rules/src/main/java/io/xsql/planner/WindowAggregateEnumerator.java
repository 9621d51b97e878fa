package io.xsql.planner;

import io.xsql.spi.SourceActivity;
import io.xsql.spi.SourceOperation;
import java.util.List;
import java.util.function.Consumer;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Runs a {@link WindowAggregatePlan}: takes events from the input as they come, and hands out the groups of
 * each window the watermark closes. Late events are counted ({@link LateEvents}).
 */
final class WindowAggregateEnumerator extends WindowedEnumerator {
  private final WindowAggregatePlan plan;
  private final WindowState state;
  /** In {@code xsql.queries}: groups emitted (calls), events taken in (rows), late events (details). */
  private final SourceActivity activity;
  private final LateEvents late;
  private WindowClock clock;

  WindowAggregateEnumerator(WindowAggregatePlan plan, Enumerator<Object[]> rows, QueryContext context) {
    super(List.of(rows), List.of("xsql-window " + plan.source()), context);
    this.plan = plan;
    this.state = plan.state();
    this.activity = context.activity(SourceOperation.of(plan.source(), "window", plan.describe()));
    this.late = new LateEvents(context, activity, new StreamTiming(plan.source(), plan.eventTime()));
  }

  @Override
  void start(long now) {
    clock = new WindowClock(plan.eventTime(), now);
  }

  /** Adds an event to its windows, or counts it as late; an event without a time has no window. */
  @Override
  void add(int input, Object[] row, long now) {
    if (!(row[plan.window().timeColumn()] instanceof Long ts)) {
      return;
    }
    clock.seen(ts, now);
    activity.rows(1);
    if (!state.add(row, ts, clock.watermark(now))) {
      late.add(ts);
    }
  }

  @Override
  void close(long now, Consumer<Object[]> out) {
    state.close(ended(0) ? Long.MAX_VALUE : clock.watermark(now), out);
  }

  @Override
  void emitted() {
    activity.calls(1);
  }
}
