package io.xsql.trino;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Trino benchmark's report, in Markdown: TPC-H through the Trino cluster beside embedded xsql, and a JSON
 * Lines scan at one and two workers. Times are printed in seconds to the millisecond and ratios to three
 * decimals, as measured: nothing is rounded in either engine's favour.
 *
 * @param setting when, on what and from which code
 * @param scales the TPC-H runs, one per scale factor
 * @param scan the JSON Lines scan, if it ran
 */
record XsqlTrinoBenchReport(XsqlTrinoBenchSetting setting, List<XsqlTrinoBenchScale> scales,
    Optional<XsqlTrinoBenchScanRun> scan) {
  XsqlTrinoBenchReport {
    scales = List.copyOf(scales);
  }

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  /** The whole report. */
  String markdown() {
    StringBuilder b = new StringBuilder("# Benchmarks: the same catalog and SQL through a Trino cluster\n\n");
    b.append("Written by `bench/run-trino` (harness `trino/src/test/java/io/xsql/trino/XsqlTrinoBenchmark.java`);"
        + " `docs/benchmarks.md` holds the embedded benchmarks.\n\n");
    b.append("- Date: ").append(WHEN.format(setting.started())).append('\n');
    b.append("- Code: commit ").append(setting.commit()).append('\n');
    b.append("- Machine: ").append(setting.machine()).append('\n');
    b.append("- Load averages (1, 5, 15 min): ").append(setting.loadAtStart()).append(" when the run started, ")
        .append(setting.loadAtEnd()).append(" when it ended. Other engineers' builds shared the machine during"
            + " the run, so the figures are noisy.\n\n");
    b.append("Everything runs in one JVM: Trino's `DistributedQueryRunner` (Trino 483) starts a coordinator and"
        + " workers as servers of this JVM that talk HTTP over loopback; embedded xsql is the driver jar users get,"
        + " in a class loader of its own."
        + " On a machine of ").append(setting.machine().cores()).append(" cores every node shares the same cores"
        + " and heap, so a cluster cannot be faster here for having more nodes: the figures are only indicative of"
        + " what a cluster of real machines would do, and say mostly what the distributed engine costs on one"
        + " machine.\n");
    scales.forEach(s -> tpch(b, s));
    scan.ifPresent(s -> scan(b, s, setting.machine().cores()));
    return b.toString();
  }

  private static void tpch(StringBuilder b, XsqlTrinoBenchScale scale) {
    b.append(String.format(Locale.ROOT, "%n## TPC-H at scale factor %s%n%n", scale.scaleFactor()));
    b.append(String.format(Locale.ROOT, "The queries `XsqlTrinoTpchTest` checks, over the catalog `TpchFixture.writeWithoutDatabases` writes: part in MongoDB"
        + " (mongo-java-server in this JVM), lineitem, orders and supplier as JSON Lines, the others as CSV."
        + " Embedded xsql: one connection with `;planCache=0`, so every run plans anew. Trino: a coordinator and"
        + " 2 workers, all three running tasks (as in `XsqlTrinoTpchTest`), `xsql.split-bytes=%d`. Each engine runs a query once (\"first\"), then 3 times (\"median\""
        + " of those); its rows are compared with `TpchComparison`, as the test compares them.%n%n",
        scale.splitBytes()));
    b.append("| query | rows | xsql first (s) | xsql median (s) | Trino first (s) | Trino median (s) | Trino / xsql"
        + " | same rows |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (XsqlTrinoBenchQuery q : scale.queries()) {
      b.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s |%n", q.name(), q.rows(),
          seconds(q.xsql().firstMillis()), seconds(q.xsql().medianMillis()), seconds(q.trino().firstMillis()),
          seconds(q.trino().medianMillis()), ratio(q.ratio()), q.difference().isEmpty() ? "yes" : "**no**"));
    }
    b.append(String.format(Locale.ROOT, "%nGeometric mean of Trino / xsql (medians) over the %d of %d queries"
        + " whose rows agree: %s.%n", scale.agreeing().size(), scale.queries().size(),
        scale.geometricMean().isPresent() ? ratio(scale.geometricMean().getAsDouble()) : "none"));
    scale.queries().forEach(q -> q.difference().ifPresent(d -> b.append("\n```\n").append(d).append("\n```\n")));
  }

  private static void scan(StringBuilder b, XsqlTrinoBenchScanRun run, int cores) {
    b.append(String.format(Locale.ROOT, "%n## A JSON Lines scan at 1 and 2 workers%n%n`SELECT COUNT(*), SUM(id),"
        + " COUNT(DISTINCT id) FROM events` over one generated file of %d lines (%.1f MiB, uncompressed), with"
        + " `xsql.split-bytes=%d`. Each engine runs the query once (\"first\"), then 3 times (\"median\" of"
        + " those). Only the workers run tasks (the coordinator plans and schedules). Splits are those the scan stage"
        + " completed in the first run, nodes those that ran its tasks. Embedded xsql reads a large uncompressed JSON Lines file on all cores."
        + " Only indicative: the workers share this machine's %d cores.%n%n", run.lines(),
        run.fileBytes() / 1048576.0, run.splitBytes(), cores));
    b.append("| engine | first (s) | median (s) | scan splits, nodes | answer |\n|---|---:|---:|---|---|\n");
    for (XsqlTrinoBenchScan s : run.scans()) {
      b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", s.engine(), seconds(s.timing().firstMillis()),
          seconds(s.timing().medianMillis()), s.stage().map(XsqlTrinoBenchScan.Stage::text).orElse("n/a"),
          s.answer()));
    }
    b.append(run.agree() ? "\nAll engines returned the same row.\n" : "\n**The engines' rows differ.**\n");
  }

  /** Milliseconds as seconds to the millisecond. */
  static String seconds(double millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000);
  }

  /** A ratio to three decimals. */
  static String ratio(double ratio) {
    return String.format(Locale.ROOT, "%.3f", ratio);
  }
}
