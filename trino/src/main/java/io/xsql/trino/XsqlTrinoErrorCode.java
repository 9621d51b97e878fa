package io.xsql.trino;

import io.trino.spi.ErrorCode;
import io.trino.spi.ErrorCodeSupplier;
import io.trino.spi.ErrorType;

/** The errors of the xsql connector, in the range Trino leaves to connectors. */
public enum XsqlTrinoErrorCode implements ErrorCodeSupplier {
  /** The xsql catalog is missing or invalid: the message names the file, line and key. */
  XSQL_CATALOG_ERROR(0, ErrorType.EXTERNAL),
  /** A source failed while it was read or listed: the message names the source. */
  XSQL_SOURCE_ERROR(1, ErrorType.EXTERNAL),
  /** A source the connector does not serve (a database, which Trino's own connectors read better). */
  XSQL_NOT_SUPPORTED(2, ErrorType.USER_ERROR);

  /** Chosen clear of the ranges of Trino's bundled connectors. */
  private static final int BASE = 0x0712_0000;

  private final ErrorCode errorCode;

  XsqlTrinoErrorCode(int code, ErrorType type) {
    errorCode = new ErrorCode(BASE + code, name(), type);
  }

  @Override
  public ErrorCode toErrorCode() {
    return errorCode;
  }
}
