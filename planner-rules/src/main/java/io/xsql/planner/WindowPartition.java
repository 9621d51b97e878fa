package io.xsql.planner;

/**
 * What a streaming window holds of the partition it is in: the rows read but not yet output (the first of
 * them is the row being output), the last output rows that frames and {@code LAG} look back on, and where
 * in the partition the current row is.
 */
final class WindowPartition {
  /** Read and not yet output; {@code pending.get(0)} is the current row. */
  final RowRing pending = new RowRing();
  /** The last output rows, as many as the calls look back, the latest last. */
  final RowRing history = new RowRing();
  /** The partition's first row. */
  Object[] first;
  /** The row output before the current one in this partition, if any. */
  Object[] previous;
  /** The current row's position in the partition, from 0. */
  long index;
  /** Whether every row of the partition has been read. */
  boolean complete;

  Object[] current() {
    return pending.get(0);
  }

  /** Starts the next partition with its first row. */
  void start(Object[] row) {
    pending.clear();
    history.clear();
    first = row;
    previous = null;
    index = 0;
    complete = false;
    pending.add(row);
  }

  /** Whether the current row starts a new group of rows equal on {@code keys} (its peers). */
  boolean startsPeers(int[] keys) {
    return previous == null || !JoinKeys.same(previous, current(), keys);
  }

  /** Whether every peer of the current row on {@code keys} has been read. */
  boolean peersRead(int[] keys) {
    return complete || !JoinKeys.same(pending.last(), current(), keys);
  }

  /** The number of pending rows, the current one first, that are its peers on {@code keys}. */
  int peers(int[] keys) {
    Object[] current = current();
    int n = 1;
    while (n < pending.size() && JoinKeys.same(pending.get(n), current, keys)) {
      n++;
    }
    return n;
  }
}
