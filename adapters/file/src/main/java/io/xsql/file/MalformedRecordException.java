package io.xsql.file;

import io.xsql.spi.ErrorCode;

/**
 * A record that cannot be read. The reader has moved past it when it throws, unless the damage reaches
 * to the end of the file ({@link #recoverable()} false), so that {@code on_error: skip} can go on.
 */
final class MalformedRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final boolean recoverable;

  MalformedRecordException(ErrorCode code, String message, boolean recoverable) {
    super(message);
    this.code = code;
    this.recoverable = recoverable;
  }

  ErrorCode code() {
    return code;
  }

  boolean recoverable() {
    return recoverable;
  }
}
