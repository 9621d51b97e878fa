package io.xsql.planner;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The open tumbling or hopping windows, by start: all have the same length, so the earliest start is the
 * earliest end, the next to close.
 */
final class FixedWindows implements WindowState {
  private final WindowAggregatePlan plan;
  private final TreeMap<Long, Map<GroupKey, WindowAccumulator[]>> open = new TreeMap<>();
  private long groups;

  FixedWindows(WindowAggregatePlan plan) {
    this.plan = plan;
  }

  @Override
  public boolean add(Object[] row, long ts, long watermark) {
    GroupKey key = plan.groupKey(row);
    return plan.window().openWindows(ts, watermark, (start, end) -> {
      WindowAccumulator[] acc = open.computeIfAbsent(start, s -> new LinkedHashMap<>()).computeIfAbsent(key, k -> {
        groups++;
        return plan.accumulators();
      });
      for (WindowAccumulator a : acc) {
        a.add(row);
      }
    });
  }

  @Override
  public void close(long watermark, Consumer<Object[]> out) {
    long size = plan.window().size();
    while (!open.isEmpty() && open.firstKey() + size <= watermark) {
      Map.Entry<Long, Map<GroupKey, WindowAccumulator[]>> window = open.pollFirstEntry();
      long start = window.getKey();
      window.getValue().forEach((key, acc) -> out.accept(plan.row(start, start + size, key.values(), acc)));
      groups -= window.getValue().size();
    }
  }

  @Override
  public long groups() {
    return groups;
  }
}
