package io.xsql.spi;

import java.util.Iterator;

/**
 * Rows coming from a source, one at a time, read lazily.
 *
 * <p>The engine calls {@link #next()} until it returns false or until it stops early, and always calls
 * {@link #close()}, which must release files, connections and threads.
 */
public interface RowCursor extends AutoCloseable {

  /** Moves to the next row; false when there is none. */
  boolean next();

  /**
   * The current row: the values of the requested columns in the requested order. Each call after
   * {@link #next()} must return a new array, since the engine may keep it (a hash join's build side).
   */
  Object[] current();

  /**
   * Where the current row came from, for error messages: {@code "images.jsonl:1042"}, a table name, a URL.
   * Empty when the source has nothing better to say than its name.
   */
  default String position() {
    return "";
  }

  @Override
  void close();

  /** A cursor over rows that are already in memory or computed on the fly. */
  static RowCursor of(Iterator<Object[]> rows) {
    return new RowCursor() {
      private Object[] current;

      @Override
      public boolean next() {
        if (!rows.hasNext()) {
          return false;
        }
        current = rows.next();
        return true;
      }

      @Override
      public Object[] current() {
        return current;
      }

      @Override
      public void close() {
        if (rows instanceof AutoCloseable closeable) {
          try {
            closeable.close();
          } catch (Exception e) {
            throw new SourceException(ErrorCode.IO, "while closing a row iterator", e);
          }
        }
      }
    };
  }
}
