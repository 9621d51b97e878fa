package io.xsql.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Latencies from the publish of the event that closes a window to its rows, one sample per window row.
 *
 * @param samples window rows measured
 * @param p50Millis the median
 * @param p99Millis the 99th percentile (nearest rank)
 * @param maxMillis the largest
 */
record StreamLatency(int samples, double p50Millis, double p99Millis, double maxMillis) {
  private static final String PREFIX = "XSQL-BENCH-LATENCY ";

  /** The percentiles of latencies in nanoseconds; NaN without samples. */
  static StreamLatency of(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new StreamLatency(sorted.length, rank(sorted, 0.50), rank(sorted, 0.99),
        sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6);
  }

  private static double rank(long[] sorted, double p) {
    return sorted.length == 0 ? Double.NaN : sorted[(int) Math.ceil(p * sorted.length) - 1] / 1e6;
  }

  String toLine() {
    return String.format(Locale.ROOT, "%s%d %.3f %.3f %.3f", PREFIX, samples, p50Millis, p99Millis, maxMillis);
  }

  /** Reads a child's line; empty if the line is something else. */
  static Optional<StreamLatency> parse(String line) {
    if (!line.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] p = line.substring(PREFIX.length()).trim().split(" ");
    return Optional.of(new StreamLatency(Integer.parseInt(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]),
        Double.parseDouble(p[3])));
  }
}
