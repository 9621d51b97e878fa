package io.xsql.spi;

import java.math.BigDecimal;

/**
 * Key values as SQL compares them, for anything that matches keys with {@code equals} and {@code hashCode}:
 * the join operators and the lookup cache. Where Java's equality differs from SQL's: {@code 1.0 = 1.00} for
 * decimals and {@code -0.0 = 0.0} for floats.
 */
public final class KeyValues {
  private KeyValues() {}

  /** A value whose {@code equals} and {@code hashCode} follow SQL's equality. */
  public static Object normalize(Object value) {
    if (value instanceof BigDecimal d) {
      return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }
    if (value instanceof Double d && d == 0.0d) {
      return 0.0d;
    }
    if (value instanceof Float f && f == 0.0f) {
      return 0.0f;
    }
    return value;
  }
}
