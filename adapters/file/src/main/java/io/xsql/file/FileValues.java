package io.xsql.file;

import io.xsql.spi.ColumnType;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.TextValues;
import java.math.BigDecimal;

/** {@link TextValues} for file readers: a value that does not fit is a malformed record. */
final class FileValues {
  private FileValues() {}

  /** See {@link TextValues#parse}; throws {@link MalformedRecordException} instead. */
  static Object parse(String text, ColumnType type, boolean pinned) {
    try {
      return TextValues.parse(text, type, pinned);
    } catch (IllegalArgumentException e) {
      throw malformed(e);
    }
  }

  /** See {@link TextValues#number}; throws {@link MalformedRecordException} instead. */
  static Object number(BigDecimal value, ColumnType type, boolean pinned) {
    try {
      return TextValues.number(value, type, pinned);
    } catch (IllegalArgumentException e) {
      throw malformed(e);
    }
  }

  private static MalformedRecordException malformed(IllegalArgumentException e) {
    return new MalformedRecordException(ErrorCode.DATA_TYPE, e.getMessage(), true);
  }
}
