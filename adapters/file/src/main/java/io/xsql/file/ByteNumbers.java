package io.xsql.file;

/**
 * Numbers read straight from bytes, for the common cases only; callers fall back to the exact general
 * parsers (BigDecimal, Double.parseDouble) for anything else.
 */
final class ByteNumbers {
  /** Exact powers of ten a double holds, for the fast path of decimal parsing. */
  private static final double[] POWERS_OF_TEN = new double[23];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }
  }

  private ByteNumbers() {}

  /**
   * A decimal written {@code -?digits(.digits)?} with at most 15 digits, exactly; NaN when it does not
   * qualify. The caller has checked the syntax.
   */
  static double fastDouble(byte[] b, int start, int to) {
    int i = start;
    boolean negative = b[i] == '-';
    if (negative) {
      i++;
    }
    long mantissa = 0;
    int digits = 0;
    int scale = 0;
    boolean afterPoint = false;
    for (; i < to; i++) {
      byte c = b[i];
      if (c == '.') {
        afterPoint = true;
        continue;
      }
      mantissa = mantissa * 10 + (c - '0');
      digits++;
      if (afterPoint) {
        scale++;
      }
    }
    if (digits > 15 || scale >= POWERS_OF_TEN.length) {
      return Double.NaN;
    }
    // Both operands are exact doubles, so the division rounds once: the correctly rounded result.
    double d = scale == 0 ? mantissa : mantissa / POWERS_OF_TEN[scale];
    return negative ? -d : d;
  }

  /** An integer written {@code -?digits} with at most 18 digits (so it cannot overflow). */
  static long digits(byte[] b, int start, int to) {
    int i = start;
    boolean negative = b[i] == '-';
    if (negative) {
      i++;
    }
    long v = 0;
    for (; i < to; i++) {
      v = v * 10 + (b[i] - '0');
    }
    return negative ? -v : v;
  }

  /** What {@link #plainLong} returns for text that is not a plain integer. */
  static final long NOT_PLAIN = Long.MIN_VALUE;

  /**
   * An integer written {@code -?(0|[1-9][0-9]*)} with at most 18 digits, read in one pass; {@link #NOT_PLAIN}
   * for anything else (which the caller reads the general way).
   */
  static long plainLong(byte[] b, int start, int to) {
    int i = start;
    boolean negative = i < to && b[i] == '-';
    if (negative) {
      i++;
    }
    int digits = to - i;
    if (digits == 0 || digits > 18 || digits > 1 && b[i] == '0') {
      return NOT_PLAIN;
    }
    long v = 0;
    for (; i < to; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return NOT_PLAIN;
      }
      v = v * 10 + d;
    }
    return negative ? -v : v;
  }

  /**
   * The kind of plain number in {@code b[start, to)}: 1 for an integer {@code -?(0|[1-9][0-9]*)} of at most
   * 18 digits, 2 for a decimal {@code -?(0|[1-9][0-9]*)\.[0-9]+} of at most 15 digits, 0 for anything else.
   */
  static int plainNumber(byte[] b, int start, int to) {
    int i = start;
    if (i < to && b[i] == '-') {
      i++;
    }
    int first = i;
    while (i < to && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    int intDigits = i - first;
    if (intDigits == 0 || intDigits > 1 && b[first] == '0') {
      return 0;
    }
    if (i == to) {
      return intDigits <= 18 ? 1 : 0;
    }
    if (b[i] != '.') {
      return 0;
    }
    int point = ++i;
    while (i < to && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    return i == to && i > point && intDigits + (i - point) <= 15 ? 2 : 0;
  }
}
