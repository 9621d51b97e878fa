package io.xsql.bench;

import static io.xsql.bench.Figures.mib;
import static io.xsql.bench.Figures.ratio;
import static io.xsql.bench.Figures.seconds;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's sorted-input section ({@link ReportSection#SORTED}) and the cases whose rows differ from
 * DuckDB's, which fail the run. Times are printed as measured; ratios to DuckDB are rounded against xsql.
 */
final class SortedReport {
  /** The goals: at most DuckDB's time, and the sorted GROUP BY's first row within 100 ms. */
  static final double OVER_DUCKDB = 1.0;
  static final double FIRST_ROW_MILLIS = 100;

  private final BenchSettings settings;
  private final Machine machine;
  private final SortedRun run;

  SortedReport(BenchSettings settings, Machine machine, SortedRun run) {
    this.settings = settings;
    this.machine = machine;
    this.run = run;
  }

  void write() throws IOException {
    ReportSection.SORTED.write(settings.markdown(), markdown());
  }

  /** xsql cases whose rows differ from DuckDB's. */
  List<String> mismatches() {
    List<String> out = new ArrayList<>();
    for (SortedCase c : SortedCase.values()) {
      if (c.xsql() && run.sameRows(c, c.peer()).filter(same -> !same).isPresent()) {
        out.add("rows differ on sorted input: " + c + " and " + c.peer());
      }
    }
    return out;
  }

  String markdown() {
    StringBuilder b = new StringBuilder(ReportSection.SORTED.begin()).append("\n## Sorted input\n\n");
    b.append("- Date: ").append(LocalDate.now()).append('\n');
    b.append("- Machine: ").append(machine).append("; load averages (1, 5, 15 min) when the section started ")
        .append(run.loadAverages().get(0)).append(", when it ended ").append(run.loadAverages().get(1)).append('\n');
    b.append(String.format(Locale.ROOT, "- Data: one CSV file of %,d rows (k, t, v) with k = row / 4, t = row %% 4,"
        + " v = row %% 97: sorted on (k, t), %,d groups of 4. xsql reads it as `sorted` (`sorted_by: [k, t]`) and as"
        + " `plain` (no declared order); DuckDB reads it with `read_csv` (types given).%n", run.rows(), run.rows() / 4));
    b.append(String.format(Locale.ROOT, "- Each case in its own JVM (%s): one untimed run, then %d timed runs"
        + " (median). A run is the query plus reading every value of every row as text. \"first row\": from"
        + " `executeQuery` to the first row; \"first row, warm\": the same once the JVM has run the query %d times"
        + " reading only its first row (its JIT warm, as in a long-running application; median of %d more). Peak heap: the heap pools' peaks (an upper bound; garbage included);"
        + " peak RSS: the process's, DuckDB's native memory included. \"%s\": each xsql case once more in a JVM"
        + " with that heap. Times in seconds.%n", SortedSuite.HEAP, settings.warmRuns(), SortedBench.WARMING,
        SortedBench.WARM_TIMED, SortedSuite.SMALL_HEAP));
    b.append("\n| case | query | plan | time | first row | first row, warm | / DuckDB | peak heap MiB | peak RSS MiB | rows |"
        + " same rows as DuckDB | under " + SortedSuite.SMALL_HEAP + " | note |\n"
        + "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|\n");
    for (SortedCase c : SortedCase.values()) {
      SortedResult r = run.find(c);
      SortedResult peer = run.find(c.peer());
      b.append(String.format(Locale.ROOT, "| %s | `%s` | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
          c, c.sql(), operator(r), seconds(r.medianMillis()), seconds(r.medianFirstRowMillis()),
          seconds(r.medianWarmFirstRowMillis()),
          c.xsql() ? ratio(r.medianMillis() / peer.medianMillis()) : "", mib(r.peakHeapMb()), mib(r.peakRssMb()),
          r.runs().isEmpty() ? "n/a" : String.format(Locale.ROOT, "%,d", r.rows()),
          c.xsql() ? run.sameRows(c, c.peer()).map(s -> s ? "yes" : "NO").orElse("n/a") : "",
          r.smallHeap().orElse("").replace("|", "\\|"), r.note().replace("|", "\\|")));
    }
    goals(b);
    return b.append(ReportSection.SORTED.end()).append('\n').toString();
  }

  /** The operator that ran the query, from xsql's plan. */
  private static String operator(SortedResult r) {
    String plan = String.join("\n", r.plan());
    for (String op : List.of("EnumerableSortedAggregate", "XsqlStreamingWindow", "XsqlSegmented", "EnumerableWindow",
        "EnumerableAggregate")) {
      if (plan.contains(op + "(")) {
        return op;
      }
    }
    return r.query().xsql() ? "n/a" : "DuckDB";
  }

  private void goals(StringBuilder b) {
    b.append("\n### Goals\n\n| goal | measured | met |\n|---|---|---|\n");
    for (SortedCase c : List.of(SortedCase.GROUP_BY_SORTED, SortedCase.RUNNING_SUM_SORTED)) {
      double over = run.find(c).medianMillis() / run.find(c.peer()).medianMillis();
      b.append(String.format(Locale.ROOT, "| %s at most %.1fx DuckDB's time | %sx | %s |%n", c, OVER_DUCKDB,
          ratio(over), over <= OVER_DUCKDB ? "yes" : "no"));
    }
    SortedResult sorted = run.find(SortedCase.GROUP_BY_SORTED);
    double warm = sorted.medianWarmFirstRowMillis();
    b.append(String.format(Locale.ROOT, "| GROUP_BY_SORTED's first row within %.0f ms | %s s in a warm JVM (%s s in"
        + " the JVM's runs 2 to %d, its planning not yet compiled by the JIT) | %s |%n", FIRST_ROW_MILLIS,
        seconds(warm), seconds(sorted.medianFirstRowMillis()), settings.warmRuns() + 1,
        warm <= FIRST_ROW_MILLIS ? "yes" : "no"));
    for (SortedCase c : List.of(SortedCase.GROUP_BY_SORTED, SortedCase.RUNNING_SUM_SORTED)) {
      String small = run.find(c).smallHeap().orElse("not run");
      b.append(String.format(Locale.ROOT, "| %s completes under %s | %s | %s |%n", c, SortedSuite.SMALL_HEAP,
          small.replace("|", "\\|"), small.equals("completes") ? "yes" : "no"));
    }
  }
}
