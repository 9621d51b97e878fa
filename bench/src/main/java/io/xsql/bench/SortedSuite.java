package io.xsql.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The harness side of the sorted-input section: writes the CSV file once (k = row / 4, t = row % 4,
 * v = row % 97: sorted on k, t), runs each {@link SortedCase} in its own {@link SortedBench} JVM with
 * {@link #HEAP}, one untimed run then the timed ones, and each xsql case once more with
 * {@link #SMALL_HEAP}.
 */
final class SortedSuite {
  static final String HEAP = "-Xmx4g";
  static final String SMALL_HEAP = "-Xmx32m";

  private final BenchSettings settings;
  private final ChildJvm childJvm;

  SortedSuite(BenchSettings settings) {
    this.settings = settings;
    this.childJvm = new ChildJvm(settings.timeoutMillis());
  }

  SortedRun run() throws IOException, InterruptedException {
    String loadBefore = Machine.loadAverage().orElse("n/a");
    Path file = data(settings.data().resolve("sorted"), settings.sortedRows());
    List<SortedResult> results = new ArrayList<>();
    for (SortedCase c : SortedCase.values()) {
      ChildJvm.Output out = childJvm.run(SortedBench.class.getName(), List.of(c.name(),
          String.valueOf(settings.warmRuns() + 1), file.toString()), List.of(HEAP), false);
      Optional<String> small = Optional.empty();
      if (c.xsql()) {
        ChildJvm.Output o = childJvm.run(SortedBench.class.getName(), List.of(c.name(), "1", file.toString()),
            List.of(SMALL_HEAP), false);
        small = Optional.of(o.problem().isEmpty() ? "completes" : SortedResult.error(o).orElse(o.problem()));
      }
      SortedResult r = SortedResult.of(c, out, small);
      System.out.printf(Locale.ROOT, "sorted %s: %s%n", c, r.runs().isEmpty() ? r.note() : String.format(Locale.ROOT,
          "%.3f s, first row %.3f s, %,d rows, %s: %s", r.medianMillis() / 1000, r.medianFirstRowMillis() / 1000,
          r.rows(), SMALL_HEAP, small.orElse("not run")));
      results.add(r);
    }
    return new SortedRun(settings.sortedRows(), results, List.of(loadBefore, Machine.loadAverage().orElse("n/a")));
  }

  /** The file of {@code rows} rows, written if it is not there yet. */
  static Path data(Path dir, long rows) throws IOException {
    return DataFile.once(dir.resolve("sorted-" + rows + ".csv"), out -> {
      out.write("k,t,v\n");
      for (long i = 0; i < rows; i++) {
        out.write(Long.toString(i / 4));
        out.write(',');
        out.write(Long.toString(i % 4));
        out.write(',');
        out.write(Long.toString(i % 97));
        out.write('\n');
      }
    });
  }
}
