package io.xsql.planner;

import io.xsql.spi.Column;
import io.xsql.spi.DataTable;
import io.xsql.spi.FilterOp;
import io.xsql.spi.Predicate;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SortOrder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Rows in memory, with capabilities switched on or off, remembering what scans asked for. */
final class ListTable implements DataTable {
  final List<Column> columns;
  final List<Object[]> rows;
  final boolean filters;
  final Optional<SortOrder> sortOrder;
  final List<ScanRequest> requests = new ArrayList<>();

  ListTable(List<Column> columns, List<Object[]> rows, boolean filters, Optional<SortOrder> sortOrder) {
    this.columns = columns;
    this.rows = rows;
    this.filters = filters;
    this.sortOrder = sortOrder;
  }

  /** The same rows with no capability: the engine does everything itself. */
  ListTable plain() {
    return new ListTable(columns, rows, false, Optional.empty());
  }

  @Override
  public List<Column> columns() {
    return columns;
  }

  @Override
  public boolean canFilter(int column, FilterOp op) {
    return filters;
  }

  @Override
  public boolean canFilterAlternatives() {
    return filters;
  }

  @Override
  public boolean canLimit() {
    return true;
  }

  @Override
  public Optional<SortOrder> sortOrder() {
    return sortOrder;
  }

  @Override
  public OptionalLong estimatedRowCount() {
    return OptionalLong.of(rows.size());
  }

  @Override
  public RowCursor scan(ScanRequest request) {
    requests.add(request);
    int[] wanted = request.columnArray();
    Iterator<Object[]> it = rows.iterator();
    long limit = request.limit().orElse(Long.MAX_VALUE);
    return RowCursor.of(new Iterator<>() {
      long returned;
      Object[] next = advance();

      private Object[] advance() {
        while (returned < limit && it.hasNext()) {
          Object[] row = it.next();
          boolean ok = true;
          for (Predicate p : request.filters()) {
            ok &= p.test(c -> row[c]);
          }
          if (ok) {
            Object[] out = new Object[wanted.length];
            for (int i = 0; i < wanted.length; i++) {
              out[i] = row[wanted[i]];
            }
            returned++;
            return out;
          }
        }
        return null;
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Object[] next() {
        Object[] r = next;
        next = advance();
        return r;
      }
    });
  }
}
