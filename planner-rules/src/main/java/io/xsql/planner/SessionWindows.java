package io.xsql.planner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The open sessions, per session key: a session runs from its first event to its last plus the gap, and an
 * event less than the gap from a session joins it; an event arriving out of order between two sessions of
 * its key joins them into one. A session closes when the watermark reaches its end.
 */
final class SessionWindows implements WindowState {
  /** One open session and its groups. */
  private static final class Session {
    long start;
    long end;
    final Map<GroupKey, WindowAccumulator[]> groups = new LinkedHashMap<>();

    Session(long start, long end) {
      this.start = start;
      this.end = end;
    }
  }

  private final WindowAggregatePlan plan;
  private final Map<GroupKey, List<Session>> open = new HashMap<>();
  /** No session ends before this, so a watermark below it closes none without looking. */
  private long earliestEnd = Long.MAX_VALUE;
  private long groups;

  SessionWindows(WindowAggregatePlan plan) {
    this.plan = plan;
  }

  @Override
  public boolean add(Object[] row, long ts, long watermark) {
    int[] keyColumns = plan.window().sessionKeys();
    Object[] keyValues = new Object[keyColumns.length];
    for (int i = 0; i < keyColumns.length; i++) {
      keyValues[i] = row[keyColumns[i]];
    }
    List<Session> sessions = open.computeIfAbsent(new GroupKey(keyValues), k -> new ArrayList<>());
    Session joined = new Session(ts, ts + plan.window().size());
    for (Iterator<Session> it = sessions.iterator(); it.hasNext(); ) {
      Session s = it.next();
      if (s.start < joined.end && joined.start < s.end) {
        it.remove();
        merge(joined, s);
      }
    }
    if (joined.groups.isEmpty() && joined.end <= watermark) {
      if (sessions.isEmpty()) {
        open.remove(new GroupKey(keyValues));
      }
      return false;
    }
    sessions.add(joined);
    WindowAccumulator[] acc = joined.groups.computeIfAbsent(plan.groupKey(row), k -> {
      groups++;
      return plan.accumulators();
    });
    for (WindowAccumulator a : acc) {
      a.add(row);
    }
    earliestEnd = Math.min(earliestEnd, joined.end);
    return true;
  }

  /** Takes {@code from}'s span and groups into {@code into}. */
  private void merge(Session into, Session from) {
    into.start = Math.min(into.start, from.start);
    into.end = Math.max(into.end, from.end);
    from.groups.forEach((key, acc) -> {
      WindowAccumulator[] mine = into.groups.get(key);
      if (mine == null) {
        into.groups.put(key, acc);
      } else {
        groups--;
        for (int i = 0; i < mine.length; i++) {
          mine[i].merge(acc[i]);
        }
      }
    });
  }

  @Override
  public void close(long watermark, Consumer<Object[]> out) {
    if (watermark < earliestEnd) {
      return;
    }
    earliestEnd = Long.MAX_VALUE;
    for (Iterator<List<Session>> keys = open.values().iterator(); keys.hasNext(); ) {
      List<Session> sessions = keys.next();
      for (Iterator<Session> it = sessions.iterator(); it.hasNext(); ) {
        Session s = it.next();
        if (s.end <= watermark) {
          it.remove();
          s.groups.forEach((key, acc) -> out.accept(plan.row(s.start, s.end, key.values(), acc)));
          groups -= s.groups.size();
        } else {
          earliestEnd = Math.min(earliestEnd, s.end);
        }
      }
      if (sessions.isEmpty()) {
        keys.remove();
      }
    }
  }

  @Override
  public long groups() {
    return groups;
  }
}
