package io.xsql.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Rows PostgreSQL has read from a table, from its statistics ({@code pg_stat_user_tables}): rows returned
 * by sequential scans plus rows fetched through indexes (index and bitmap scans). The delta around a child
 * JVM is what that child read. A backend sends its counts to the statistics when it ends (and at most
 * once a second while it runs); {@code pg_stat_force_next_flush()} would only flush the caller's own
 * backend, so the counter is read until it stops moving after the child's connections have closed.
 */
final class PgTableReads {
  private static final long POLL_MILLIS = 250;
  /** Unchanged over this many polls (a second) counts as settled. */
  private static final int STABLE_POLLS = 4;
  private static final long GIVE_UP_MILLIS = 30_000;

  private PgTableReads() {}

  /** The table's read counter once it has stopped moving. */
  static long settled(String url, String table) throws SQLException, InterruptedException {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement read = c.prepareStatement("SELECT COALESCE(seq_tup_read, 0) + COALESCE(idx_tup_fetch, 0)"
            + " FROM pg_stat_user_tables WHERE relname = ?");
        Statement clear = c.createStatement()) {
      read.setString(1, table);
      long last = read(read, clear, table);
      long deadline = System.currentTimeMillis() + GIVE_UP_MILLIS;
      for (int same = 0; same < STABLE_POLLS; ) {
        if (System.currentTimeMillis() > deadline) {
          throw new SQLException("the statistics of " + table + " kept changing for "
              + GIVE_UP_MILLIS / 1000 + " s: is something else reading it?");
        }
        Thread.sleep(POLL_MILLIS);
        long now = read(read, clear, table);
        same = now == last ? same + 1 : 0;
        last = now;
      }
      return last;
    }
  }

  private static long read(PreparedStatement read, Statement clear, String table) throws SQLException {
    // Statistics read in a transaction are cached until it ends; start from a fresh snapshot.
    clear.execute("SELECT pg_stat_clear_snapshot()");
    try (ResultSet rs = read.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("no statistics for table " + table);
      }
      return rs.getLong(1);
    }
  }
}
