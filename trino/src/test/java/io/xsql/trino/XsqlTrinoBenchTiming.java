package io.xsql.trino;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * How long a query took: its first run, which also loads classes, opens sources and fills caches, and the
 * runs after it, whose median is the figure compared.
 *
 * @param firstMillis the first run
 * @param timedMillis the runs after it, in order
 */
record XsqlTrinoBenchTiming(double firstMillis, List<Double> timedMillis) {
  XsqlTrinoBenchTiming {
    timedMillis = List.copyOf(timedMillis);
    if (timedMillis.isEmpty()) {
      throw new IllegalArgumentException("a timing needs at least one run after the first");
    }
  }

  /**
   * The result of a query's first run, and how long it and the later runs took.
   *
   * @param firstResult what the first run returned, for comparing engines
   * @param timing the times
   */
  record Measured<T>(T firstResult, XsqlTrinoBenchTiming timing) {}

  /** Runs {@code work} once, then {@code timedRuns} times more, timing each run. */
  static <T> Measured<T> measure(int timedRuns, Callable<T> work) throws Exception {
    long start = System.nanoTime();
    T first = work.call();
    double firstMillis = (System.nanoTime() - start) / 1e6;
    Double[] timed = new Double[timedRuns];
    for (int i = 0; i < timedRuns; i++) {
      long s = System.nanoTime();
      work.call();
      timed[i] = (System.nanoTime() - s) / 1e6;
    }
    return new Measured<>(first, new XsqlTrinoBenchTiming(firstMillis, List.of(timed)));
  }

  /** The median of the timed runs (of an even number, the mean of the middle two). */
  double medianMillis() {
    List<Double> sorted = timedMillis.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
