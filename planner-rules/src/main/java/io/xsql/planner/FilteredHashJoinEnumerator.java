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
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/** Runs one hash join with a dynamic filter; see {@link FilteredHashJoinPlan}. */
final class FilteredHashJoinEnumerator implements Enumerator<Object[]> {
  private final FilteredHashJoinPlan plan;
  private final Enumerable<Object[]> build;
  private final Enumerable<Object[]> probeScan;
  private final ScanRequest request;
  private final QueryContext context;

  /** Build rows by normalized key; null until the build side is read. */
  private Map<Object, List<Object[]>> table;
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
        current = joined(matches.get(nextMatch++), probeRow);
        return true;
      }
      if (table.isEmpty() || !nextProbeRow()) {
        return false;
      }
      Object key = JoinKeys.of(probeRow, plan.probeKeys());
      matches = key == null ? List.of() : table.getOrDefault(key, List.of());
      nextMatch = 0;
      if (plan.semi() && !matches.isEmpty()) {
        matches = List.of();
        current = probeRow.clone();
        return true;
      }
    }
  }

  /** Hashes the build side and decides, from its distinct keys, how the probe side is read. */
  private void readBuild() {
    Map<Object, List<Object[]>> rows = new HashMap<>();
    // Normalized key -> the first row's own values, which the source compares in its own way; dropped
    // once there are more than the filter takes.
    Map<Object, List<Object>> keys = new LinkedHashMap<>();
    try (Enumerator<Object[]> e = build.enumerator()) {
      while (e.moveNext()) {
        Object[] row = e.current();
        Object key = JoinKeys.of(row, plan.buildKeys());
        if (key == null) {
          continue;
        }
        List<Object[]> same = rows.get(key);
        if (same == null) {
          rows.put(key, same = new ArrayList<>(1));
          if (keys != null) {
            keys.put(key, JoinKeys.values(row, plan.buildKeys()));
            if (keys.size() > plan.maxKeys()) {
              keys = null;
            }
          }
        }
        same.add(row);
      }
    }
    table = rows;
    if (keys != null) {
      List<List<Object>> all = List.copyOf(keys.values());
      List<List<List<Object>>> split = new ArrayList<>();
      for (int i = 0; i < all.size(); i += plan.batchSize()) {
        split.add(all.subList(i, Math.min(all.size(), i + plan.batchSize())));
      }
      batches = split.iterator();
    }
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
    KeyedRows probe = plan.probe();
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
