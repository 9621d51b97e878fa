package io.xsql.planner;

import io.xsql.spi.KeyLookup;
import io.xsql.spi.Predicate;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A key lookup over rows in memory that remembers the keys of every call. It can return every row
 * (passing the filters) instead of the matching ones, as a source comparing more loosely than SQL would,
 * fail while reading, or run an action on each call. Calls come one at a time, from the join's fetch threads.
 */
final class ListLookup implements KeyLookup {
  final List<Object[]> rows;
  final List<List<List<Object>>> calls = new ArrayList<>();
  boolean superset;
  RuntimeException failure;
  Runnable onLookup = () -> { };
  /** Run on each row a scan reads. */
  Runnable onScanRow = () -> { };
  volatile int openCursors;
  /** How many times all rows were read. */
  int scans;

  ListLookup(List<Object[]> rows) {
    this.rows = rows;
  }

  @Override
  public boolean supports(List<Integer> keyColumns) {
    return true;
  }

  @Override
  public int maxBatchSize() {
    return 1000;
  }

  @Override
  public boolean scans(List<Integer> keyColumns) {
    return true;
  }

  /** Every row passing the filters, counted as a call without keys. */
  @Override
  public RowCursor scan(List<Integer> keyColumns, ScanRequest request) {
    scans++;
    return cursor(request, row -> true, onScanRow);
  }

  @Override
  public synchronized RowCursor lookup(List<Integer> keyColumns, List<List<Object>> keys, ScanRequest request) {
    calls.add(List.copyOf(keys));
    onLookup.run();
    return cursor(request, row -> superset || keys.stream().anyMatch(key -> matches(row, keyColumns, key)),
        () -> { });
  }

  private synchronized RowCursor cursor(ScanRequest request, java.util.function.Predicate<Object[]> wantedRow,
      Runnable onRow) {
    int[] wanted = request.columnArray();
    List<Object[]> out = new ArrayList<>();
    for (Object[] row : rows) {
      boolean ok = wantedRow.test(row);
      for (Predicate p : request.filters()) {
        ok &= p.test(c -> row[c]);
      }
      if (ok) {
        Object[] projected = new Object[wanted.length];
        for (int i = 0; i < wanted.length; i++) {
          projected[i] = row[wanted[i]];
        }
        out.add(projected);
      }
    }
    openCursors++;
    RowCursor cursor = RowCursor.of(out.iterator());
    return new RowCursor() {
      private int read;

      @Override
      public boolean next() {
        if (failure != null && read == out.size() / 2) {
          throw failure;
        }
        read++;
        onRow.run();
        return cursor.next();
      }

      @Override
      public Object[] current() {
        return cursor.current();
      }

      @Override
      public String position() {
        return "row " + read;
      }

      @Override
      public void close() {
        synchronized (ListLookup.this) {
          openCursors--;
        }
      }
    };
  }

  private static boolean matches(Object[] row, List<Integer> keyColumns, List<Object> key) {
    for (int i = 0; i < key.size(); i++) {
      Object v = row[keyColumns.get(i)];
      if (v == null || !Objects.equals(JoinKeys.normalize(v), JoinKeys.normalize(key.get(i)))) {
        return false;
      }
    }
    return true;
  }
}
