package io.xsql.spi;

/**
 * What went wrong, as a JDBC client sees it: every code carries the SQLState the driver reports.
 */
public enum ErrorCode {
  /** The source cannot be reached (database down, host unknown, connection refused). */
  CONNECT("08001"),
  /** A connection broke while in use. */
  CONNECTION_LOST("08006"),
  /** The source refused the credentials. */
  AUTH("28000"),
  /** The query names a table that does not exist. */
  UNKNOWN_TABLE("42S02"),
  /** The query names a column that does not exist. */
  UNKNOWN_COLUMN("42S22"),
  /** The query is not valid SQL, or not valid for its objects. */
  SYNTAX("42000"),
  /** A value or row in the data is malformed. */
  DATA("22000"),
  /** A value does not fit its column's type ({@code "abc"} in an INTEGER column). */
  DATA_TYPE("22018"),
  /** Rows arrive out of the order the source declared. */
  DATA_ORDER("22000"),
  /** Reading or writing the data failed: a missing, unreadable or truncated file. */
  IO("58030"),
  /** The catalog is invalid: bad syntax, an unknown key or type, a missing file it names. */
  CATALOG("F0000"),
  /** The source or the engine does not support what was asked. */
  UNSUPPORTED("0A000"),
  /** The query ran longer than its timeout. */
  TIMEOUT("HYT00"),
  /** The query was canceled. */
  CANCELED("57014"),
  /** The query is too complex: planning it ran past its budget. */
  TOO_COMPLEX("54001"),
  /** The query asked a source for more than the source's budget allows (API requests). */
  LIMIT("54000"),
  /** A failure inside the engine or a source that fits no other code. */
  INTERNAL("XX000");

  private final String sqlState;

  ErrorCode(String sqlState) {
    this.sqlState = sqlState;
  }

  /** The five-character SQLState a JDBC client sees. */
  public String sqlState() {
    return sqlState;
  }
}
