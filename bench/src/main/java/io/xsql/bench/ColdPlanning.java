package io.xsql.bench;

import java.util.Locale;
import java.util.Optional;

/**
 * How long an engine takes to plan a query alone ({@code EXPLAIN}): first in a fresh JVM, right after
 * connecting, and then again in the same JVM (median of several, each a text the engine has not seen).
 * Their difference is what planning costs a cold JVM beyond the planning itself.
 */
record ColdPlanning(double firstMillis, double warmMillis) {
  private static final String PREFIX = "XSQL-PLANNING ";

  /** The line a child JVM prints. */
  String toLine() {
    return String.format(Locale.ROOT, "%s%.3f %.3f", PREFIX, firstMillis, warmMillis);
  }

  /** Reads a child's line, if it is one. */
  static Optional<ColdPlanning> parse(String line) {
    if (!line.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] p = line.substring(PREFIX.length()).trim().split(" ");
    return Optional.of(new ColdPlanning(Double.parseDouble(p[0]), Double.parseDouble(p[1])));
  }
}
