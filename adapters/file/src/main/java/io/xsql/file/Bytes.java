package io.xsql.file;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte searches eight bytes at a time (SWAR): a long read from the array is tested for a byte value in all
 * its lanes at once. The lowest flagged lane is exact, which is the one these searches return.
 */
final class Bytes {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long NEWLINES = '\n' * ONES;
  private static final long RETURNS = '\r' * ONES;
  private static final long QUOTES = '"' * ONES;
  private static final long BACKSLASHES = '\\' * ONES;
  private static final long SPACES = 0x20 * ONES;

  private Bytes() {}

  /** Lanes of {@code word} equal to the byte repeated in {@code pattern}, flagged by their high bit. */
  private static long equal(long word, long pattern) {
    long x = word ^ pattern;
    return (x - ONES) & ~x & HIGHS;
  }

  /**
   * The first index in {@code b[from, to)} of the delimiter, a line feed or a carriage return: the end of
   * an unquoted CSV field; -1 if there is none.
   */
  static int fieldStop(byte[] b, int from, int to, byte delimiter) {
    long delimiters = (delimiter & 0xffL) * ONES;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long w = (long) LONGS.get(b, i);
      long hit = equal(w, delimiters) | equal(w, NEWLINES) | equal(w, RETURNS);
      if (hit != 0) {
        return i + (Long.numberOfTrailingZeros(hit) >>> 3);
      }
    }
    for (; i < to; i++) {
      byte c = b[i];
      if (c == delimiter || c == '\n' || c == '\r') {
        return i;
      }
    }
    return -1;
  }

  /** Whether {@code b[from, to)} holds only ASCII bytes (no high bit set). */
  static boolean isAscii(byte[] b, int from, int to) {
    int i = from;
    long any = 0;
    for (; i + 8 <= to; i += 8) {
      any |= (long) LONGS.get(b, i);
    }
    for (; i < to; i++) {
      any |= b[i];
    }
    return (any & HIGHS) == 0;
  }

  /** The first index of a line feed in {@code b[from, to)}, or -1. */
  static int newline(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long hit = equal((long) LONGS.get(b, i), NEWLINES);
      if (hit != 0) {
        return i + (Long.numberOfTrailingZeros(hit) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /**
   * The first index in {@code b[from, to)} of a byte a JSON string scan must look at: a double quote, a
   * backslash or a control character (below 0x20); -1 if there is none.
   */
  static int stringStop(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long w = (long) LONGS.get(b, i);
      // Below 0x20 (and not 0x80 or above, which ~w excludes): control characters.
      long hit = equal(w, QUOTES) | equal(w, BACKSLASHES) | ((w - SPACES) & ~w & HIGHS);
      if (hit != 0) {
        return i + (Long.numberOfTrailingZeros(hit) >>> 3);
      }
    }
    for (; i < to; i++) {
      byte c = b[i];
      if (c == '"' || c == '\\' || (c >= 0 && c < 0x20)) {
        return i;
      }
    }
    return -1;
  }
}
