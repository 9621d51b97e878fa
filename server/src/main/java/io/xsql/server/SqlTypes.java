package io.xsql.server;

import java.sql.Types;

/** What the printers need to know about JDBC types. */
final class SqlTypes {
  private SqlTypes() {}

  /** Whole numbers, which print as they are. */
  static boolean isExactInteger(int type) {
    return type == Types.TINYINT || type == Types.SMALLINT || type == Types.INTEGER
        || type == Types.BIGINT;
  }

  /** Exact decimals. */
  static boolean isDecimal(int type) {
    return type == Types.DECIMAL || type == Types.NUMERIC;
  }

  /** Binary floating point, which has NaN and infinities. */
  static boolean isFloatingPoint(int type) {
    return type == Types.REAL || type == Types.FLOAT || type == Types.DOUBLE;
  }

  /** Any number: tables align these to the right. */
  static boolean isNumeric(int type) {
    return isExactInteger(type) || isDecimal(type) || isFloatingPoint(type);
  }

  /** Booleans, which JSON has a literal for. */
  static boolean isBoolean(int type) {
    return type == Types.BOOLEAN || type == Types.BIT;
  }
}
