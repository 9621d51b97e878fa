package io.xsql.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What one run of a query measured.
 *
 * @param rows rows the query returned
 * @param millis wall time in milliseconds
 * @param loadMillis time spent importing (engines that import), else 0
 * @param peakHeapMb the sum of the heap pools' peak usage in the JVM, in MiB (an upper bound of the
 *     peak heap: pools peak at different moments)
 * @param peakRssMb the process's peak resident set (VmHWM), in MiB; includes native memory (DuckDB)
 */
record Measurement(long rows, double millis, double loadMillis, double peakHeapMb, double peakRssMb) {
  private static final String PREFIX = "XSQL-BENCH ";

  /** The line a child JVM prints for the harness. */
  String toLine() {
    return String.format(Locale.ROOT, "%s%d %.3f %.3f %.1f %.1f", PREFIX, rows, millis, loadMillis,
        peakHeapMb, peakRssMb);
  }

  /** Reads a child's line; null if the line is something else. */
  static Measurement parse(String line) {
    if (!line.startsWith(PREFIX)) {
      return null;
    }
    String[] p = line.substring(PREFIX.length()).trim().split(" ");
    return new Measurement(Long.parseLong(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]),
        Double.parseDouble(p[3]), Double.parseDouble(p[4]));
  }

  /** The same measurement with another wall time (the harness times cold runs from outside). */
  Measurement withMillis(double wall) {
    return new Measurement(rows, wall, loadMillis, peakHeapMb, peakRssMb);
  }

  /** The JVM's peak heap so far. */
  static double jvmPeakHeapMb() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes / 1048576.0;
  }

  /** The process's peak resident set so far. */
  static double processPeakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux: no RSS figure.
    }
    return Double.NaN;
  }
}
