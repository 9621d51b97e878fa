package io.xsql.planner;

import io.xsql.spi.ErrorCode;
import io.xsql.spi.SourceException;
import java.util.StringJoiner;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * One input of a merge join: opened on its first read, closed once, and checked to be ordered by its key
 * as it is read, since a row out of order would silently lose its matches.
 */
final class MergeJoinInput {
  private final Enumerable<Object[]> rows;
  private final int[] keys;
  private final String name;
  private Enumerator<Object[]> enumerator;
  private Object[] current;
  private boolean ended;

  MergeJoinInput(Enumerable<Object[]> rows, int[] keys, String name) {
    this.rows = rows;
    this.keys = keys;
    this.name = name;
  }

  /** Reads the next row; false at the end (and from then on, also after {@link #close}). */
  boolean moveNext() {
    if (ended) {
      return false;
    }
    if (enumerator == null) {
      enumerator = rows.enumerator();
    }
    if (!enumerator.moveNext()) {
      ended = true;
      return false;
    }
    Object[] row = enumerator.current();
    if (current != null && JoinKeys.compare(row, keys, current, keys) < 0) {
      throw new SourceException(ErrorCode.DATA_ORDER, "merge join: the rows of " + name
          + " are not ordered by the join key: " + key(row) + " came after " + key(current));
    }
    current = row;
    return true;
  }

  /** The row the last successful {@link #moveNext} read. */
  Object[] current() {
    return current;
  }

  void close() {
    ended = true;
    if (enumerator != null) {
      Enumerator<Object[]> e = enumerator;
      enumerator = null;
      e.close();
    }
  }

  /** A key tuple as an error shows it: {@code (1, 'abc', NULL)}. */
  private String key(Object[] row) {
    StringJoiner joiner = new StringJoiner(", ", "(", ")");
    for (int k : keys) {
      Object v = row[k];
      joiner.add(v == null ? "NULL" : v instanceof String s ? "'" + s + "'" : v.toString());
    }
    return joiner.toString();
  }
}
