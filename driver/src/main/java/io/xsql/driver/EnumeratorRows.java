package io.xsql.driver;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * A query's rows for the JDBC cursor, read one at a time without looking ahead. Linq4j's own iterator moves
 * to the next row before it hands out the current one, so {@code ResultSet.next()} would wait for the row
 * after the one it returns: for a continuous query ({@code SELECT STREAM}), for the next message to come.
 */
public final class EnumeratorRows implements Iterator<Object>, AutoCloseable {
  private final Enumerator<Object> rows;
  /** Whether {@link #hasNext} moved the enumerator already, and to a row. */
  private boolean moved;
  private boolean more;

  private EnumeratorRows(Enumerator<Object> rows) {
    this.rows = rows;
  }

  /** The rows of an enumerable, which is enumerated now. */
  public static EnumeratorRows of(Enumerable<Object> rows) {
    return new EnumeratorRows(rows.enumerator());
  }

  @Override
  public boolean hasNext() {
    if (!moved) {
      more = rows.moveNext();
      moved = true;
    }
    return more;
  }

  @Override
  public Object next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    moved = false;
    return rows.current();
  }

  @Override
  public void close() {
    rows.close();
  }
}
