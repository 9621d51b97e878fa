package io.xsql.planner;

import io.xsql.spi.SourceActivity;
import io.xsql.spi.SourceOperation;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.function.Predicate2;

/**
 * Runs a {@link WindowJoinPlan}: takes the events of both streams as they come and hands out the joined rows
 * of each window that both watermarks have passed. Each stream has its own watermark (its own lateness and
 * idle timeout); a window closes when the earlier of the two passes its end, so a stream that has ended
 * holds none back, while a stream that is silent holds all until its idle timeout, if it has one. Between
 * events it wakes every {@link WindowAggregateEnumerator#POLL_MILLIS} to notice a cancel or a timeout and to
 * let an idle stream's watermark follow the clock. Late events are counted per stream ({@link LateEvents}).
 */
final class WindowJoinEnumerator implements Enumerator<Object[]> {
  private final WindowJoinPlan plan;
  private final List<Enumerator<Object[]>> rows;
  private final QueryContext context;
  private final WindowJoinState state;
  private final ArrayDeque<Object[]> ready = new ArrayDeque<>();
  /** Per side, in {@code xsql.queries}: joined rows emitted (calls), its events taken in (rows), late ones. */
  private final List<SourceActivity> activities;
  private final List<LateEvents> late;
  private List<WindowClock> clocks;
  private StreamInput input;
  private Object[] current;

  WindowJoinEnumerator(WindowJoinPlan plan, List<Enumerator<Object[]>> rows, Predicate2<Object[], Object[]> residual,
      QueryContext context) {
    this.plan = plan;
    this.rows = List.copyOf(rows);
    this.context = context;
    this.state = new WindowJoinState(plan, residual);
    this.activities = List.of(activity(0), activity(1));
    this.late = List.of(lateEvents(0), lateEvents(1));
  }

  /** A side's operation: a stream joined with itself counts each side apart. */
  private SourceActivity activity(int side) {
    return context.activity(SourceOperation.of(plan.sides().get(side).timing().source(), "window join",
        plan.describe() + (side == 0 ? ", left side" : ", right side")));
  }

  private LateEvents lateEvents(int side) {
    StreamTiming timing = plan.sides().get(side).timing();
    return new LateEvents(context, activities.get(side), timing.source(), timing.eventTime());
  }

  @Override
  public boolean moveNext() {
    if (input == null) {
      long now = System.currentTimeMillis();
      clocks = plan.sides().stream().map(s -> new WindowClock(s.timing().eventTime(), now)).toList();
      input = new StreamInput(rows, plan.sides().stream().map(s -> "xsql-window-join " + s.timing().source())
          .toList());
    }
    while (ready.isEmpty()) {
      if (context.isCanceled()) {
        throw context.interruption();
      }
      if (input.ended()) {
        return false;
      }
      Optional<StreamInput.Arrival> arrival = input.next(WindowAggregateEnumerator.POLL_MILLIS);
      long now = System.currentTimeMillis();
      arrival.ifPresent(a -> add(a.input(), a.row(), now));
      state.close(watermark(now), ready::add);
    }
    current = ready.poll();
    activities.forEach(a -> a.calls(1));
    return true;
  }

  /** Keeps an event in its windows, or counts it as late; an event without a time has no window. */
  private void add(int side, Object[] row, long now) {
    if (!(row[plan.sides().get(side).window().timeColumn()] instanceof Long ts)) {
      return;
    }
    clocks.get(side).seen(ts, now);
    activities.get(side).rows(1);
    if (!state.add(side, row, ts, watermark(now))) {
      late.get(side).add(ts);
    }
  }

  /** The join's watermark: the earlier of the two streams', a stream that ended holding nothing back. */
  private long watermark(long now) {
    long watermark = Long.MAX_VALUE;
    for (int side = 0; side < clocks.size(); side++) {
      long w = clocks.get(side).watermark(now);
      watermark = Math.min(watermark, input.ended(side) ? Long.MAX_VALUE : w);
    }
    return watermark;
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
      rows.forEach(Enumerator::close);
    }
  }
}
