package io.xsql.java;

import io.xsql.spi.Column;
import io.xsql.spi.DataTable;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.FilterOp;
import io.xsql.spi.Predicate;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SortOrder;
import io.xsql.spi.SourceException;
import io.xsql.spi.TypeKind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Java objects as a table: a stream of records, beans or maps, opened anew for each scan.
 *
 * <p>Filters and LIMIT are applied while iterating, before a row array is built; only the requested
 * columns are read from each object. Create instances with {@link JavaTables}.
 */
public final class JavaTable implements DataTable {
  private final List<JavaColumn> columns;
  private final Supplier<? extends Stream<?>> rows;
  private final OptionalLong size;
  private final Optional<SortOrder> sortOrder;

  JavaTable(List<JavaColumn> columns, Supplier<? extends Stream<?>> rows, OptionalLong size,
      Optional<SortOrder> sortOrder) {
    this.columns = List.copyOf(columns);
    this.rows = rows;
    this.size = size;
    this.sortOrder = sortOrder;
  }

  /**
   * Declares that the rows come sorted ascending by these columns, so that the planner may merge-join or
   * skip a sort. The engine checks the order while reading and fails if the data breaks it.
   */
  public JavaTable sortedBy(String... columnNames) {
    List<SortOrder.Key> keys = new ArrayList<>();
    for (String name : columnNames) {
      int column = indexOf(name);
      if (columns.get(column).column().type().kind() == TypeKind.ARRAY) {
        throw new IllegalArgumentException("column '" + name + "' is an ARRAY, which cannot be a sort key");
      }
      keys.add(new SortOrder.Key(column, false));
    }
    return new JavaTable(columns, rows, size, Optional.of(new SortOrder(keys)));
  }

  private int indexOf(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).column().name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no column '" + name + "'");
  }

  @Override
  public List<Column> columns() {
    return columns.stream().map(JavaColumn::column).toList();
  }

  @Override
  public boolean canFilter(int column, FilterOp op) {
    return true;
  }

  @Override
  public boolean canFilterAlternatives() {
    return true;
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
    return size;
  }

  @Override
  public String describe() {
    return "java";
  }

  @Override
  public RowCursor scan(ScanRequest request) {
    return new Cursor(request);
  }

  /** Reads objects lazily, testing filters on converted values before building the row. */
  private final class Cursor implements RowCursor {
    private final int[] wanted;
    private final List<Predicate> filters;
    private final long limit;
    private Stream<?> stream;
    private Iterator<?> iterator;
    private long index;
    private long returned;
    private Object[] current;
    private Object element;

    Cursor(ScanRequest request) {
      this.wanted = request.columnArray();
      this.filters = request.filters();
      this.limit = request.limit().orElse(Long.MAX_VALUE);
    }

    @Override
    public boolean next() {
      if (iterator == null) {
        stream = rows.get();
        iterator = stream.iterator();
      }
      while (returned < limit && iterator.hasNext()) {
        element = iterator.next();
        index++;
        if (element == null) {
          throw new SourceException(ErrorCode.DATA, "the element is null");
        }
        if (matches()) {
          Object[] row = new Object[wanted.length];
          for (int i = 0; i < wanted.length; i++) {
            row[i] = value(wanted[i]);
          }
          current = row;
          returned++;
          return true;
        }
      }
      return false;
    }

    private boolean matches() {
      for (Predicate p : filters) {
        if (!p.test(this::value)) {
          return false;
        }
      }
      return true;
    }

    private Object value(int column) {
      JavaColumn c = columns.get(column);
      try {
        return JavaValues.convert(c.getter().apply(element), c.column().type());
      } catch (SourceException e) {
        throw new SourceException(e.code(), "column '" + c.column().name() + "': " + e.getMessage(), e);
      }
    }

    @Override
    public Object[] current() {
      return current;
    }

    @Override
    public String position() {
      return "row " + index;
    }

    @Override
    public void close() {
      if (stream != null) {
        stream.close();
      }
    }
  }
}
