package io.xsql.planner;

import io.xsql.spi.SourceActivity;
import io.xsql.spi.SourceOperation;
import java.util.ArrayDeque;
import java.util.Optional;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Runs a {@link WindowAggregatePlan}: takes events from the input as they come, and hands out the groups of
 * each window the watermark closes. Between events it wakes every {@link #POLL_MILLIS} to notice a cancel
 * or a timeout and to let an idle stream's watermark follow the clock. Late events are counted
 * ({@link LateEvents}).
 */
final class WindowAggregateEnumerator implements Enumerator<Object[]> {
  /** The longest the aggregate waits for an event before it looks at the clock and the cancel flag. */
  static final long POLL_MILLIS = 100;

  private final WindowAggregatePlan plan;
  private final Enumerator<Object[]> rows;
  private final QueryContext context;
  private final WindowState state;
  private final ArrayDeque<Object[]> ready = new ArrayDeque<>();
  /** In {@code xsql.queries}: groups emitted (calls), events taken in (rows), late events (details). */
  private final SourceActivity activity;
  private final LateEvents late;
  private WindowClock clock;
  private StreamInput input;
  private Object[] current;

  WindowAggregateEnumerator(WindowAggregatePlan plan, Enumerator<Object[]> rows, QueryContext context) {
    this.plan = plan;
    this.rows = rows;
    this.context = context;
    this.state = plan.state();
    this.activity = context.activity(SourceOperation.of(plan.source(), "window", plan.describe()));
    this.late = new LateEvents(context, activity, plan.source(), plan.eventTime());
  }

  @Override
  public boolean moveNext() {
    if (input == null) {
      clock = new WindowClock(plan.eventTime(), System.currentTimeMillis());
      input = new StreamInput(rows, "xsql-window " + plan.source());
    }
    while (ready.isEmpty()) {
      if (context.isCanceled()) {
        throw context.interruption();
      }
      if (input.ended()) {
        return false;
      }
      Optional<Object[]> row = input.poll(POLL_MILLIS);
      long now = System.currentTimeMillis();
      row.ifPresent(r -> add(r, now));
      state.close(input.ended() ? Long.MAX_VALUE : clock.watermark(now), ready::add);
    }
    current = ready.poll();
    activity.calls(1);
    return true;
  }

  /** Adds an event to its windows, or counts it as late; an event without a time has no window. */
  private void add(Object[] row, long now) {
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
  public Object[] current() {
    return current;
  }

  @Override
  public void reset() {
    throw new UnsupportedOperationException("a stream is read once");
  }

  @Override
  public void close() {
    if (input != null) {
      input.close();
    } else {
      rows.close();
    }
  }
}
