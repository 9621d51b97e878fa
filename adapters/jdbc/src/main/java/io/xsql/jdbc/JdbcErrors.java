package io.xsql.jdbc;

import io.xsql.spi.ErrorCode;
import io.xsql.spi.SourceException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Turns a driver's SQLException into one that names the source and its URL (never the password) and
 * carries the SQLState a client can act on: 08001 when the database cannot be reached, 28000 when it
 * refuses the credentials, 08006 when a connection breaks while in use; any other state the database
 * reported passes through.
 */
final class JdbcErrors {
  /** PostgreSQL's "terminating connection" states: an administrator, a crash or a shutdown. */
  private static final Set<String> TERMINATED = Set.of("57P01", "57P02", "57P03");
  /** MySQL/MariaDB error codes for a lost or killed connection. */
  private static final Set<Integer> MYSQL_LOST = Set.of(1927, 2006, 2013, 1053);
  private static final int MYSQL_ACCESS_DENIED = 1045;

  private JdbcErrors() {}

  /** A failure to get a connection: the database is down or unknown, or refuses the credentials. */
  static SQLException connect(JdbcConfig config, SQLException e) {
    SQLException cause = deepest(e);
    String state = isAuth(cause) ? "28000" : "08001";
    String what = state.equals("28000") ? "the database refused the credentials" : "cannot connect";
    return new SQLException(config.describe() + ": " + what + ": " + cause.getMessage(), state,
        cause.getErrorCode(), e);
  }

  /** The query was canceled or timed out (57014), noticed before or while reading a database's rows. */
  static SQLException canceled(JdbcConfig config) {
    return new SQLException(config.describe() + ": the query was canceled", "57014");
  }

  /** A failure while a statement runs or its rows are read. */
  static SQLException query(JdbcConfig config, SQLException e) {
    String state = isConnectionLost(e) ? "08006" : e.getSQLState() == null ? "HY000" : e.getSQLState();
    String prefix = state.equals("08006") ? "the connection broke while in use: " : "";
    return new SQLException(config.describe() + ": " + prefix + e.getMessage(), state, e.getErrorCode(), e);
  }

  /**
   * A failure where a source's own code (not Calcite's) runs a statement, as the SourceException the engine
   * reports; it keeps the database's SQLState.
   */
  static SourceException source(JdbcConfig config, SQLException e) {
    SQLException named = isTranslated(config, e) ? e : query(config, e);
    String state = named.getSQLState() == null ? "" : named.getSQLState();
    ErrorCode code = switch (state) {
      case "08001" -> ErrorCode.CONNECT;
      case "08006" -> ErrorCode.CONNECTION_LOST;
      case "28000" -> ErrorCode.AUTH;
      case "57014" -> ErrorCode.CANCELED;
      default -> state.startsWith("22") ? ErrorCode.DATA : ErrorCode.INTERNAL;
    };
    return new SourceException(code, named.getMessage(), named);
  }

  /** Whether an exception is already one of ours, so that nested wrappers do not wrap it twice. */
  static boolean isTranslated(JdbcConfig config, SQLException e) {
    return e.getMessage() != null && e.getMessage().startsWith(config.describe());
  }

  private static boolean isAuth(SQLException e) {
    String state = e.getSQLState();
    return state != null && state.startsWith("28") || e.getErrorCode() == MYSQL_ACCESS_DENIED;
  }

  private static boolean isConnectionLost(SQLException e) {
    String state = e.getSQLState();
    return e instanceof SQLNonTransientConnectionException || e instanceof SQLTransientConnectionException
        || state != null && (state.startsWith("08") || TERMINATED.contains(state))
        || MYSQL_LOST.contains(e.getErrorCode());
  }

  /** The driver's own exception under a pool's "connection is not available" wrapper. */
  private static SQLException deepest(SQLException e) {
    SQLException out = e;
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        out = s;
      }
    }
    return out;
  }
}
