package io.xsql.spi;

import static java.util.Objects.requireNonNull;

/**
 * A failure inside a source, thrown while a query plans or reads. The driver turns it into an
 * {@link java.sql.SQLException} with the code's SQLState, so the message must already say which source
 * failed and where (file:line, table, URL), and must never contain a secret.
 */
public class SourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public SourceException(ErrorCode code, String message) {
    super(message);
    this.code = requireNonNull(code, "code is null");
  }

  public SourceException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = requireNonNull(code, "code is null");
  }

  public ErrorCode code() {
    return code;
  }

  /** The SQLState to report: the code's, unless the cause is an SQLException carrying its own. */
  public String sqlState() {
    if (getCause() instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
      return sql.getSQLState();
    }
    return code.sqlState();
  }
}
