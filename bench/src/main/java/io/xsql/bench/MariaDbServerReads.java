package io.xsql.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Rows the MariaDB server has read, all sessions and databases together: its global {@code Rows_read}
 * status (temporary tables excluded). Per-table counters ({@code information_schema.TABLE_STATISTICS})
 * need the server's {@code userstat} switched on, and the benchmark does not change a shared server's
 * settings; so the delta around a child JVM is what that child read plus whatever else the server read
 * meanwhile. The global figure sums the live sessions' counters, so unlike PostgreSQL's statistics it is
 * current at once.
 */
final class MariaDbServerReads {
  private MariaDbServerReads() {}

  /** The server's {@code Rows_read} now, asked over a connection to it. */
  static long now(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Rows_read'")) {
      if (!rs.next()) {
        throw new SQLException("the server has no Rows_read status");
      }
      return rs.getLong(2);
    }
  }
}
