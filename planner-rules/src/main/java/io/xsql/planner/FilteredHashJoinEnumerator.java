package io.xsql.planner;

import io.xsql.spi.KeyedRows;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.core.JoinRelType;

/** Runs one hash join with a dynamic filter; see {@link FilteredHashJoinPlan}. */
final class FilteredHashJoinEnumerator implements Enumerator<Object[]> {
  private final FilteredHashJoinPlan plan;
  private final Enumerable<Object[]> build;
  private final Enumerable<Object[]> probeScan;
  private final ScanRequest request;
  private final QueryContext context;
  /** Whether the join emits build rows alone: a semi- or anti-join built on its left side. */
  private final boolean leftBuilt;

  /**
   * Build rows by normalized key; null until the build side is read. A join that keeps left rows alone
   * built on the left removes each key a probe row has.
   */
  private Map<Object, List<Object[]>> table;
  /** An anti-join's left rows that no probe row matched, null keys first, once the probe side is read. */
  private Iterator<Object[]> unmatched;
  /** An anti-join's left rows with a NULL key, which match nothing. */
  private final List<Object[]> unkeyed = new ArrayList<>();
  /** The filter whose lookup gives the probe rows; null when the probe side is scanned instead. */
  private KeyedRows chosen;
  /** The batches of distinct keys still to look up; null when the probe side is scanned instead. */
  private Iterator<List<List<Object>>> batches;
  private RowCursor cursor;
  private Enumerator<Object[]> scan;
  private Object[] probeRow;
  private List<Object[]> matches = List.of();
  private int nextMatch;
  private Object[] current;

  FilteredHashJoinEnumerator(FilteredHashJoinPlan plan, Enumerable<Object[]> build,
      Enumerable<Object[]> probeScan, ScanRequest request, QueryContext context) {
    this.plan = plan;
    this.build = build;
    this.probeScan = probeScan;
    this.request = request;
    this.context = context;
    this.leftBuilt = plan.leftOnly() && plan.buildLeft();
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public boolean moveNext() {
    if (table == null) {
      readBuild();
    }
    while (true) {
      if (nextMatch < matches.size()) {
        Object[] match = matches.get(nextMatch++);
        current = leftBuilt ? match : joined(match, probeRow);
        return true;
      }
      if (unmatched != null) {
        if (!unmatched.hasNext()) {
          return false;
        }
        current = unmatched.next();
        return true;
      }
      if (table.isEmpty() || !nextProbeRow()) {
        if (plan.joinType() != JoinRelType.ANTI) {
          return false;
        }
        unmatched = Stream.concat(unkeyed.stream(), table.values().stream().flatMap(List::stream)).iterator();
        continue;
      }
      Object key = JoinKeys.of(probeRow, plan.probeKeys());
      if (leftBuilt) {
        // Each left row once: its key leaves the table with its first match.
        List<Object[]> found = key == null ? null : table.remove(key);
        matches = found == null || plan.joinType() == JoinRelType.ANTI ? List.of() : found;
        nextMatch = 0;
        continue;
      }
      matches = key == null ? List.of() : table.getOrDefault(key, List.of());
      nextMatch = 0;
      if (plan.joinType() == JoinRelType.SEMI && !matches.isEmpty()) {
        matches = List.of();
        current = probeRow.clone();
        return true;
      }
    }
  }

  /** Hashes the build side and decides, from its distinct keys, how the probe side is read. */
  private void readBuild() {
    Map<Object, List<Object[]>> rows = new HashMap<>();
    List<FilteredHashJoinPlan.DynamicFilter> filters = plan.filters();
    // Per filter, its normalized key -> the first row's own values, which the source compares in its own
    // way; dropped once there are more than the filter takes.
    List<Map<Object, List<Object>>> keys = new ArrayList<>();
    filters.forEach(f -> keys.add(new LinkedHashMap<>()));
    try (Enumerator<Object[]> e = build.enumerator()) {
      while (e.moveNext()) {
        Object[] row = e.current();
        Object key = JoinKeys.of(row, plan.buildKeys());
        if (key == null) {
          // Matches nothing: an anti-join keeps it.
          if (plan.joinType() == JoinRelType.ANTI) {
            unkeyed.add(row);
          }
          continue;
        }
        List<Object[]> same = rows.get(key);
        if (same == null) {
          rows.put(key, same = new ArrayList<>(1));
          for (int i = 0; i < keys.size(); i++) {
            Map<Object, List<Object>> seen = keys.get(i);
            if (seen != null) {
              int[] fields = filters.get(i).buildFields();
              seen.putIfAbsent(JoinKeys.of(row, fields), JoinKeys.values(row, fields));
              if (seen.size() > plan.maxKeys()) {
                keys.set(i, null);
              }
            }
          }
        }
        same.add(row);
      }
    }
    table = rows;
    int best = -1;
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i) != null && (best < 0 || share(i, keys.get(i)) < share(best, keys.get(best)))) {
        best = i;
      }
    }
    if (best >= 0) {
      chosen = filters.get(best).probe();
      List<List<Object>> all = List.copyOf(keys.get(best).values());
      List<List<List<Object>>> split = new ArrayList<>();
      for (int i = 0; i < all.size(); i += plan.batchSize()) {
        split.add(all.subList(i, Math.min(all.size(), i + plan.batchSize())));
      }
      batches = split.iterator();
    }
  }

  /** The distinct build values of a filter per value of the probe side: the share of its rows it keeps. */
  private double share(int filter, Map<Object, List<Object>> values) {
    double probeValues = plan.filters().get(filter).probeValues();
    return probeValues <= 0 ? 1 : Math.min(1, values.size() / probeValues);
  }

  /** Moves to the next probe row, from the lookups or the scan; false when there is none. */
  private boolean nextProbeRow() {
    if (batches == null) {
      if (scan == null) {
        scan = probeScan.enumerator();
      }
      if (!scan.moveNext()) {
        return false;
      }
      probeRow = scan.current();
      return true;
    }
    KeyedRows probe = chosen;
    try {
      while (cursor == null || !cursor.next()) {
        closeCursor();
        if (!batches.hasNext()) {
          return false;
        }
        if (context.isCanceled()) {
          throw context.interruption();
        }
        cursor = probe.lookup().lookup(probe.keyColumns(), batches.next(), request);
      }
      probeRow = cursor.current();
      return true;
    } catch (RuntimeException e) {
      RowCursor failed = cursor;
      cursor = null;
      throw KeyedLookups.failure(probe, e, failed, context);
    }
  }

  private Object[] joined(Object[] buildRow, Object[] probeValues) {
    Object[] row = new Object[plan.buildWidth() + plan.probeWidth()];
    if (plan.buildLeft()) {
      System.arraycopy(buildRow, 0, row, 0, plan.buildWidth());
      System.arraycopy(probeValues, 0, row, plan.buildWidth(), plan.probeWidth());
    } else {
      System.arraycopy(probeValues, 0, row, 0, plan.probeWidth());
      System.arraycopy(buildRow, 0, row, plan.probeWidth(), plan.buildWidth());
    }
    return row;
  }

  private void closeCursor() {
    if (cursor != null) {
      RowCursor c = cursor;
      cursor = null;
      c.close();
    }
  }

  /** Starts over: the next {@link #moveNext()} reads both sides again. */
  @Override
  public void reset() {
    close();
    table = null;
    unmatched = null;
    unkeyed.clear();
    chosen = null;
    batches = null;
    matches = List.of();
    nextMatch = 0;
  }

  @Override
  public void close() {
    closeCursor();
    if (scan != null) {
      Enumerator<Object[]> s = scan;
      scan = null;
      s.close();
    }
  }
}
