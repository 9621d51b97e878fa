package io.xsql.driver;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The last queries of one connection, newest last, for {@code xsql.queries}; counters, not rows. */
public final class QueryHistory {
  private final Deque<QueryRecord> records = new ArrayDeque<>();
  private final AtomicLong ids = new AtomicLong();
  private volatile int capacity = ConnectionSettings.DEFAULT_QUERY_HISTORY;

  /** How many queries to keep; 0 keeps none. */
  void capacity(int queries) {
    capacity = queries;
    trim();
  }

  /** The number the next query gets. */
  long nextId() {
    return ids.incrementAndGet();
  }

  void add(QueryRecord record) {
    if (capacity == 0) {
      return;
    }
    synchronized (records) {
      records.addLast(record);
    }
    trim();
  }

  private void trim() {
    synchronized (records) {
      while (records.size() > capacity) {
        records.removeFirst();
      }
    }
  }

  /** The queries kept, oldest first. */
  public List<QueryRecord> records() {
    synchronized (records) {
      return List.copyOf(records);
    }
  }
}
