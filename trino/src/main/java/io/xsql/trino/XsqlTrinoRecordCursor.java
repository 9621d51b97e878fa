package io.xsql.trino;

import static java.util.Objects.requireNonNull;

import io.airlift.slice.Slice;
import io.trino.spi.connector.RecordCursor;
import io.trino.spi.type.Type;
import io.xsql.spi.RowCursor;
import java.util.List;

/**
 * An xsql row cursor as Trino reads it: each value converted once, when the row is reached, to the
 * representation of its Trino type ({@link XsqlTrinoTypes#toNative}).
 */
final class XsqlTrinoRecordCursor implements RecordCursor {
  private final String source;
  private final RowCursor rows;
  private final List<Type> types;
  private final Object[] values;
  private long readNanos;

  XsqlTrinoRecordCursor(String source, RowCursor rows, List<Type> types) {
    this.source = requireNonNull(source, "source is null");
    this.rows = requireNonNull(rows, "rows is null");
    this.types = List.copyOf(types);
    this.values = new Object[types.size()];
  }

  @Override
  public long getCompletedBytes() {
    return 0;
  }

  @Override
  public long getReadTimeNanos() {
    return readNanos;
  }

  @Override
  public Type getType(int field) {
    return types.get(field);
  }

  @Override
  public boolean advanceNextPosition() {
    long start = System.nanoTime();
    try {
      if (!XsqlTrinoSources.read(source, rows::next)) {
        return false;
      }
      Object[] row = rows.current();
      for (int i = 0; i < values.length; i++) {
        values[i] = row[i] == null ? null : XsqlTrinoTypes.toNative(types.get(i), row[i]);
      }
      return true;
    } finally {
      readNanos += System.nanoTime() - start;
    }
  }

  @Override
  public boolean getBoolean(int field) {
    return (Boolean) values[field];
  }

  @Override
  public long getLong(int field) {
    return (Long) values[field];
  }

  @Override
  public double getDouble(int field) {
    return (Double) values[field];
  }

  @Override
  public Slice getSlice(int field) {
    return (Slice) values[field];
  }

  @Override
  public Object getObject(int field) {
    return values[field];
  }

  @Override
  public boolean isNull(int field) {
    return values[field] == null;
  }

  @Override
  public void close() {
    rows.close();
  }
}
