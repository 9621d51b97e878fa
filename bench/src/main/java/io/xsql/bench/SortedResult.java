package io.xsql.bench;

import java.util.List;
import java.util.Optional;

/**
 * The runs of one sorted-input case, in one JVM, and its run in a small heap.
 *
 * @param query the case
 * @param runs the timed runs (after one untimed run), empty when the case failed
 * @param firstRowMillis the time to the first row of each timed run
 * @param warmFirstRowMillis the time to the first row in the JVM once its JIT is warm
 * @param checkedRows the rows of the last run and their checksum ({@code "N HEX"}), if printed
 * @param plan xsql's plan, line by line
 * @param smallHeap for xsql, what one run under {@link SortedSuite#SMALL_HEAP} gave: "completes" or why not
 * @param note why runs or figures are missing, else empty
 */
record SortedResult(SortedCase query, List<Measurement> runs, List<Double> firstRowMillis,
    List<Double> warmFirstRowMillis,
    Optional<String> checkedRows, List<String> plan, Optional<String> smallHeap, String note) implements Runs {
  SortedResult {
    runs = List.copyOf(runs);
    firstRowMillis = List.copyOf(firstRowMillis);
    warmFirstRowMillis = List.copyOf(warmFirstRowMillis);
    plan = List.copyOf(plan);
  }

  /** A child's output, its first run left out. */
  static SortedResult of(SortedCase query, ChildJvm.Output c, Optional<String> smallHeap) {
    List<Measurement> all = c.problem().isEmpty() ? c.runs() : List.of();
    List<Double> first = figures(c, SortedBench.FIRST);
    boolean complete = all.size() > 1 && first.size() == all.size();
    return new SortedResult(query, complete ? all.subList(1, all.size()) : List.of(),
        complete ? first.subList(1, first.size()) : List.of(), figures(c, SortedBench.WARM_FIRST), MongoBench.rows(c.lines()), MongoBench.plan(c.lines()),
        smallHeap, error(c).orElse(complete || !c.problem().isEmpty() ? c.problem() : "too few measurements"));
  }

  /** The error a child printed, if it printed one. */
  static Optional<String> error(ChildJvm.Output c) {
    return c.lines().stream().filter(l -> l.startsWith(SortedBench.ERROR))
        .map(l -> "failed: " + l.substring(SortedBench.ERROR.length())).findFirst();
  }

  private static List<Double> figures(ChildJvm.Output c, String prefix) {
    return c.lines().stream().filter(l -> l.startsWith(prefix))
        .map(l -> Double.parseDouble(l.substring(prefix.length()))).toList();
  }

  /** The median time to the first row of the timed runs; NaN without runs. */
  double medianFirstRowMillis() {
    return median(firstRowMillis);
  }

  /** The median time to the first row once the JIT is warm; NaN without runs. */
  double medianWarmFirstRowMillis() {
    return median(warmFirstRowMillis);
  }

  private static double median(List<Double> figures) {
    return Figures.median(figures.stream().mapToDouble(Double::doubleValue));
  }
}
