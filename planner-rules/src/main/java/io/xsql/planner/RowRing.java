package io.xsql.planner;

import java.util.Arrays;

/**
 * Rows in arrival order with access by position, appended at the end and taken from the front: a window
 * operator's rows of the current partition that are read but not yet output, and the last few output rows
 * that frames and {@code LAG} look back on. It grows only as far as those hold rows.
 */
final class RowRing {
  private Object[][] rows = new Object[16][];
  private int first;
  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The row at {@code index}, 0 being the oldest. */
  Object[] get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    return rows[(first + index) & (rows.length - 1)];
  }

  Object[] last() {
    return get(size - 1);
  }

  void add(Object[] row) {
    if (size == rows.length) {
      Object[][] grown = new Object[rows.length * 2][];
      for (int i = 0; i < size; i++) {
        grown[i] = get(i);
      }
      rows = grown;
      first = 0;
    }
    rows[(first + size++) & (rows.length - 1)] = row;
  }

  Object[] removeFirst() {
    Object[] row = get(0);
    rows[first] = null;
    first = (first + 1) & (rows.length - 1);
    size--;
    return row;
  }

  /** Drops the oldest rows until at most {@code keep} remain. */
  void trimTo(int keep) {
    while (size > keep) {
      removeFirst();
    }
  }

  void clear() {
    Arrays.fill(rows, null);
    first = 0;
    size = 0;
  }
}
