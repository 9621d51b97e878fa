package io.xsql.bench;

import java.util.Locale;
import java.util.Optional;

/**
 * The window rows a query emitted, summed up as they come so that a child keeps none of them: how many, the
 * events their counts add up to, and a checksum that is the same for the same rows in any order.
 *
 * @param rows window rows
 * @param events the sum of their counts
 * @param checksum the sum of a hash of each row (window start, key, count)
 */
record StreamCounts(long rows, long events, long checksum) {
  static final StreamCounts NONE = new StreamCounts(0, 0, 0);
  private static final String PREFIX = "XSQL-BENCH-WINDOWS ";

  /** These counts and one more row. */
  StreamCounts plus(long windowStartMillis, int key, long count) {
    long h = windowStartMillis * 31 + key;
    h = (h * 31 + count) * 0x9E3779B97F4A7C15L;
    return new StreamCounts(rows + 1, events + count, checksum + (h ^ (h >>> 29)));
  }

  String toLine() {
    return String.format(Locale.ROOT, "%s%d %d %d", PREFIX, rows, events, checksum);
  }

  /** Reads a child's line; empty if the line is something else. */
  static Optional<StreamCounts> parse(String line) {
    if (!line.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] p = line.substring(PREFIX.length()).trim().split(" ");
    return Optional.of(new StreamCounts(Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2])));
  }
}
