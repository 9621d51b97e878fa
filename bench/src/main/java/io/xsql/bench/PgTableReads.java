package io.xsql.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
    return settled(url, List.of(table)).get(table);
  }

  /** The read counters of some tables of one database, once none of them has moved for a second. */
  static Map<String, Long> settled(String url, List<String> tables) throws SQLException, InterruptedException {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement read = c.prepareStatement("SELECT relname, COALESCE(seq_tup_read, 0)"
            + " + COALESCE(idx_tup_fetch, 0) FROM pg_stat_user_tables WHERE relname = ANY (?)");
        Statement clear = c.createStatement()) {
      read.setArray(1, c.createArrayOf("text", tables.toArray()));
      Map<String, Long> last = read(read, clear, tables);
      long deadline = System.currentTimeMillis() + GIVE_UP_MILLIS;
      for (int same = 0; same < STABLE_POLLS; ) {
        if (System.currentTimeMillis() > deadline) {
          throw new SQLException("the statistics of " + String.join(", ", tables) + " kept changing for "
              + GIVE_UP_MILLIS / 1000 + " s: is something else reading them?");
        }
        Thread.sleep(POLL_MILLIS);
        Map<String, Long> now = read(read, clear, tables);
        same = now.equals(last) ? same + 1 : 0;
        last = now;
      }
      return last;
    }
  }

  private static Map<String, Long> read(PreparedStatement read, Statement clear, List<String> tables)
      throws SQLException {
    // Statistics read in a transaction are cached until it ends; start from a fresh snapshot.
    clear.execute("SELECT pg_stat_clear_snapshot()");
    Map<String, Long> out = new TreeMap<>();
    try (ResultSet rs = read.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    for (String t : tables) {
      if (!out.containsKey(t)) {
        throw new SQLException("no statistics for table " + t);
      }
    }
    return out;
  }
}
