package io.xsql.planner;

import io.xsql.spi.ErrorCode;
import io.xsql.spi.SourceException;

/** The errors the scan and join runtimes report for a failing source, all named alike. */
final class SourceErrors {
  private SourceErrors() {}

  /**
   * An error from a source, prefixed with its name. A source's own exceptions already say where
   * (file:line, URL); for anything else the position of the current row is added.
   *
   * @param source the source or table name
   * @param e what the source threw
   * @param position where the current row came from, or empty
   */
  static SourceException of(String source, RuntimeException e, String position) {
    if (e instanceof SourceException s) {
      return new SourceException(s.code(), "source '" + source + "': " + s.getMessage(), s);
    }
    String at = position.isEmpty() ? "" : " at " + position;
    return new SourceException(ErrorCode.INTERNAL, "source '" + source + "'" + at + " failed: " + e, e);
  }
}
