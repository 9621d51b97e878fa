package io.xsql.planner;

import io.xsql.spi.SourceActivity;
import io.xsql.spi.SourceOperation;
import java.util.List;
import java.util.function.Consumer;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.function.Predicate2;

/**
 * Runs a {@link WindowJoinPlan}: takes the events of both streams as they come and hands out the joined rows
 * of each window that both watermarks have passed. Each stream has its own watermark (its own lateness and
 * idle timeout); a window closes when the earlier of the two passes its end, so a stream that has ended
 * holds none back, while a silent one holds all until its idle timeout, if it has one. Late events are
 * counted per stream ({@link LateEvents}).
 */
final class WindowJoinEnumerator extends WindowedEnumerator {
  private final WindowJoinPlan plan;
  private final WindowJoinState state;
  /** Per side, in {@code xsql.queries}: joined rows emitted (calls), its events taken in (rows), late ones. */
  private final List<SourceActivity> activities;
  private final List<LateEvents> late;
  private List<WindowClock> clocks;

  WindowJoinEnumerator(WindowJoinPlan plan, List<Enumerator<Object[]>> rows, Predicate2<Object[], Object[]> residual,
      QueryContext context) {
    super(rows, plan.sides().stream().map(s -> "xsql-window-join " + s.timing().source()).toList(), context);
    this.plan = plan;
    this.state = new WindowJoinState(plan, residual);
    this.activities = List.of(activity(context, 0), activity(context, 1));
    this.late = List.of(lateEvents(context, 0), lateEvents(context, 1));
  }

  /** A side's operation: a stream joined with itself counts each side apart. */
  private SourceActivity activity(QueryContext context, int side) {
    return context.activity(SourceOperation.of(plan.sides().get(side).timing().source(), "window join",
        plan.describe() + (side == 0 ? ", left side" : ", right side")));
  }

  private LateEvents lateEvents(QueryContext context, int side) {
    return new LateEvents(context, activities.get(side), plan.sides().get(side).timing());
  }

  @Override
  void start(long now) {
    clocks = plan.sides().stream().map(s -> new WindowClock(s.timing().eventTime(), now)).toList();
  }

  /** Keeps an event in its windows, or counts it as late; an event without a time has no window. */
  @Override
  void add(int side, Object[] row, long now) {
    if (!(row[plan.sides().get(side).window().timeColumn()] instanceof Long ts)) {
      return;
    }
    clocks.get(side).seen(ts, now);
    activities.get(side).rows(1);
    if (!state.add(side, row, ts, watermark(now))) {
      late.get(side).add(ts);
    }
  }

  @Override
  void close(long now, Consumer<Object[]> out) {
    state.close(watermark(now), out);
  }

  @Override
  void emitted() {
    activities.forEach(a -> a.calls(1));
  }

  /** The join's watermark: the earlier of the two streams', a stream that ended holding nothing back. */
  private long watermark(long now) {
    long watermark = Long.MAX_VALUE;
    for (int side = 0; side < clocks.size(); side++) {
      long w = clocks.get(side).watermark(now);
      watermark = Math.min(watermark, ended(side) ? Long.MAX_VALUE : w);
    }
    return watermark;
  }
}
