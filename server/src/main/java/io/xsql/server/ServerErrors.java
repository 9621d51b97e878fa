package io.xsql.server;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;

/**
 * Errors as remote clients receive them. Avatica sends a plain exception's message with SQLState 00000;
 * what carries an SQLException (xsql's: 42S02, HYT00, 22000...) is sent with its SQLState instead.
 */
final class ServerErrors {
  /** SQLState for a statement or setting the server does not permit. */
  static final String FORBIDDEN = "42501";

  private ServerErrors() {}

  /** An error the client receives with SQLState 42501 and this message. */
  static AvaticaRuntimeException forbidden(String message) {
    return new AvaticaRuntimeException(message, 0, FORBIDDEN, AvaticaSeverity.ERROR);
  }

  /** {@code e} with the SQLState of the first SQLException in its causes, if any; else {@code e}. */
  static RuntimeException translate(RuntimeException e) {
    if (e instanceof AvaticaRuntimeException) {
      return e;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return new AvaticaRuntimeException(sql.getMessage(), sql.getErrorCode(), sql.getSQLState(),
            AvaticaSeverity.ERROR);
      }
    }
    return e;
  }
}
