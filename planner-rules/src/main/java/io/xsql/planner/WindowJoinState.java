package io.xsql.planner;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.calcite.linq4j.function.Predicate2;

/**
 * The open windows of a window join, by start: both streams' windows have one length, so the earliest start
 * is the earliest end, the next to close.
 */
final class WindowJoinState {
  private final WindowJoinPlan plan;
  private final Predicate2<Object[], Object[]> residual;
  private final TreeMap<Long, WindowJoinRows> open = new TreeMap<>();

  WindowJoinState(WindowJoinPlan plan, Predicate2<Object[], Object[]> residual) {
    this.plan = plan;
    this.residual = residual;
  }

  /**
   * Keeps an event of side {@code side} at {@code ts} in each of its open windows.
   *
   * @return false if a window it belongs in was closed already (the event is late): it joins none there
   */
  boolean add(int side, Object[] row, long ts, long watermark) {
    WindowJoinSide s = plan.sides().get(side);
    return s.window().openWindows(ts, watermark, (start, end) ->
        open.computeIfAbsent(start, k -> new WindowJoinRows(plan)).add(side, s.placed(row, start, end)));
  }

  /** Emits the joined rows of each window whose end the watermark has reached, then forgets the window. */
  void close(long watermark, Consumer<Object[]> out) {
    long size = plan.left().window().size();
    while (!open.isEmpty() && open.firstKey() + size <= watermark) {
      open.pollFirstEntry().getValue().emit(residual, out);
    }
  }

  /** How many rows the open windows hold. */
  long rows() {
    return open.values().stream().mapToLong(WindowJoinRows::rows).sum();
  }
}
