package io.xsql.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Where one run's time went, as the child JVM saw it: from the JVM's start to {@code main}, opening the
 * connection (an engine's catalog, sampling, or import), {@code executeQuery} (parsing, planning,
 * compiling, opening the reads) and reading every row. Cold runs are also timed from outside; the
 * difference is the JVM's exit and the harness's process start, reported as the rest. What the JVM did
 * for the first time meanwhile shows in the classes it had loaded by then and the time its JIT compilers
 * had spent (on their own threads, beside the run).
 */
record ColdPhases(double startupMillis, double connectMillis, double executeMillis, double readMillis,
    double classesLoaded, double jitMillis) {
  private static final String PREFIX = "XSQL-PHASES ";

  /** The line a child JVM prints after a measurement's line. */
  String toLine() {
    return String.format(Locale.ROOT, "%s%.3f %.3f %.3f %.3f %.0f %.3f", PREFIX, startupMillis, connectMillis,
        executeMillis, readMillis, classesLoaded, jitMillis);
  }

  /** Reads a child's line, if it is one. */
  static Optional<ColdPhases> parse(String line) {
    if (!line.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] p = line.substring(PREFIX.length()).trim().split(" ");
    return Optional.of(new ColdPhases(Double.parseDouble(p[0]), Double.parseDouble(p[1]),
        Double.parseDouble(p[2]), Double.parseDouble(p[3]), Double.parseDouble(p[4]), Double.parseDouble(p[5])));
  }

  /** The median of one phase over runs; NaN for none. */
  static double median(List<ColdPhases> runs, ToDoubleFunction<ColdPhases> phase) {
    return Figures.median(runs.stream().mapToDouble(phase));
  }
}
