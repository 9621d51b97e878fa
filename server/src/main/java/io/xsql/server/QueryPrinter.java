package io.xsql.server;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/** Runs SQL on a connection and prints what comes back: rows, warnings, plans. */
final class QueryPrinter {
  private QueryPrinter() {}

  /** Runs a query and prints its rows to {@code out}, then its warnings to {@code err}. */
  static void query(Connection connection, String sql, ResultFormat format, PrintStream out,
      PrintStream err) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      format.print(rs, out);
      // Sources report skipped or malformed records as warnings once the rows are read.
      warnings(rs.getWarnings(), err);
    }
  }

  /** Prints the plan xsql chooses for a query. */
  static void explain(Connection connection, String sql, PrintStream out) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      while (rs.next()) {
        out.println(rs.getString(1).stripTrailing());
      }
    }
  }

  /** Prints a chain of warnings, one a line, as {@code WARNING <SQLState>: <message>}. */
  static void warnings(SQLWarning first, PrintStream err) {
    for (SQLWarning w = first; w != null; w = w.getNextWarning()) {
      err.println("WARNING " + state(w) + ": " + w.getMessage());
    }
  }

  /** The SQLState to show; {@code HY000}, the general error, when the exception carries none. */
  static String state(SQLException e) {
    return e.getSQLState() == null ? "HY000" : e.getSQLState();
  }
}
