package io.xsql.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Writes {@code docs/benchmarks.md} (tables per scale, ratios against the peers) and the raw CSV. */
final class Report {
  private final BenchSettings settings;
  private final Machine machine;
  private final List<Result> results;
  private final List<String> memoryChecks;
  private final List<DbResult> dbResults;
  private final List<JoinResult> joinResults;
  private final JoinReport joinReport;
  private final List<String> mismatches;

  Report(BenchSettings settings, Machine machine, List<Result> results, List<String> memoryChecks,
      List<DbResult> dbResults, List<JoinResult> joinResults, List<String> mismatches) {
    this.settings = settings;
    this.machine = machine;
    this.results = results;
    this.memoryChecks = memoryChecks;
    this.dbResults = dbResults;
    this.joinResults = joinResults;
    this.mismatches = mismatches;
    int largest = settings.scales().stream().max(Integer::compare).orElseThrow();
    this.joinReport = new JoinReport(settings, joinResults, largest,
        find(largest, "duckdb", BenchQuery.Q1, true).map(Result::medianMillis).orElse(Double.NaN));
  }

  void write() throws IOException {
    for (Path p : List.of(settings.markdown(), settings.csv())) {
      if (p.toAbsolutePath().getParent() != null) {
        Files.createDirectories(p.toAbsolutePath().getParent());
      }
    }
    // A run without the TPC-H or MongoDB section keeps the one the report has (each says its own date).
    String old = Files.exists(settings.markdown()) ? Files.readString(settings.markdown()) : "";
    Files.writeString(settings.markdown(), ReportSection.keep(old, markdown()));
    Files.writeString(settings.csv(), csv());
  }

  private Optional<Result> find(int scale, String engine, BenchQuery q, boolean warm) {
    return results.stream().filter(r -> r.scale() == scale && r.engine().equals(engine) && r.query() == q
        && r.warm() == warm).findFirst();
  }

  private static String seconds(Optional<Result> r) {
    return r.filter(x -> !x.runs().isEmpty())
        .map(x -> String.format(Locale.ROOT, "%.2f", x.medianMillis() / 1000) + (x.note().isEmpty() ? "" : "*"))
        .orElse("n/a");
  }

  String markdown() {
    StringBuilder b = new StringBuilder("# Benchmarks\n\n");
    b.append("Written by the harness in `bench/` (`bench/run`); figures are measured, never edited.\n\n");
    b.append("- Date: ").append(LocalDate.now()).append('\n');
    b.append("- Machine: ").append(machine).append('\n');
    b.append(String.format(Locale.ROOT, "- Cold: a fresh JVM per run, timed from outside (JVM start-up,"
        + " planning and reading included), median of %d runs (xsql's first cold run at a scale samples the files"
        + " for their columns and checks that they are in their declared order, and remembers both in its index"
        + " folder, which every JVM of an engine at a scale shares and the next scale starts empty). Warm: the"
        + " same query repeated in one JVM after its cold run, median of %d runs (xsql runs the plan its"
        + " connection kept for the same SQL)."
        + " Times in seconds.%n", settings.coldRuns(), settings.warmRuns()));
    b.append(settings.cds() ? "- Every engine's JVMs (DuckDB's too: its JDBC driver runs in one) start with an AppCDS"
        + " archive of the classes that engine loads, made by a training run over 1,000 products, as a deployed"
        + " Java application would start (`bin/xsql` makes one on first use); `--cds false` runs without.\n"
        : "- JVMs start without class-data-sharing archives (`--cds false`).\n");
    b.append("- Data: `shared/bench/gen_products_images.py` (seed 42; the harness's Java port writes the same"
        + " bytes): N products and about 3 images each, both JSON Lines files sorted by `product_id`.\n");
    b.append("- Engines: **xsql** (this repository; both files declared `sorted_by: [product_id]`), **duckdb**"
        + " (DuckDB JDBC, views over `read_json_auto`, no import), **calcite** (plain Calcite 1.42: scannable"
        + " tables parsed with Jackson, default planner), **h2** (H2 in memory: import with H2's `CSVREAD` from"
        + " CSV copies written with the data, an index on `product_id`, then query; the import is reported as"
        + " load and not counted in the query time).\n");
    b.append("- `*`: fewer runs than asked (a run slower than ").append(settings.slowMillis() / 1000)
        .append(" s is not repeated, nor run warm); `n/a`: not run.\n\n");
    for (BenchQuery q : BenchQuery.joins()) {
      b.append("- ").append(q.name()).append(": `").append(q.sql).append("`\n");
    }
    for (int scale : settings.scales()) {
      b.append(String.format(Locale.ROOT, "%n## %,d products%n%n", scale));
      b.append("| engine |");
      for (BenchQuery q : BenchQuery.joins()) {
        b.append(' ').append(q.name()).append(" cold | ").append(q.name()).append(" warm |");
      }
      b.append(" load |\n|---|");
      b.append("---:|".repeat(BenchQuery.joins().size() * 2)).append("---:|\n");
      for (String engine : settings.engines()) {
        b.append("| ").append(engine).append(" |");
        double load = 0;
        for (BenchQuery q : BenchQuery.joins()) {
          Optional<Result> cold = find(scale, engine, q, false);
          load = Math.max(load, cold.map(Result::loadMillis).orElse(0.0));
          b.append(' ').append(seconds(cold)).append(" | ").append(seconds(find(scale, engine, q, true))).append(" |");
        }
        b.append(load > 0 ? String.format(Locale.ROOT, " %.2f |%n", load / 1000) : " |\n");
      }
      ratios(b, scale);
      coldPhases(b, scale);
      memory(b, scale);
      scans(b, scale);
    }
    if (!dbResults.isEmpty()) {
      database(b);
    }
    if (!joinResults.isEmpty()) {
      joinReport.section(b);
    }
    targets(b);
    b.append("\n## Memory check\n\n");
    memoryChecks.forEach(m -> b.append("- ").append(m).append('\n'));
    b.append("\n## Row counts\n\n");
    b.append(mismatches.isEmpty() ? "All engines returned the same number of rows for every query.\n"
        : String.join("\n", mismatches) + "\n");
    return b.toString();
  }

  /** Whether every query's cold median at this scale is at most {@code millis}. */
  private boolean coldAtMost(int scale, double millis) {
    return BenchQuery.joins().stream().allMatch(q -> find(scale, "xsql", q, false).map(Result::medianMillis)
        .filter(ms -> ms <= millis).isPresent());
  }

  /** The benchmark issue's targets, judged on this run's figures where the run has them. */
  private void targets(StringBuilder b) {
    b.append("\n## Targets\n\n| target | measured | met |\n|---|---|---|\n");
    int large = 1_000_000;
    int small = 100_000;
    for (BenchQuery q : BenchQuery.joins()) {
      // Q3 (an aggregate over the join) was within 2x; issue 17 asks for no slower.
      double limit = q == BenchQuery.Q4 ? 2.0 : 1.0;
      double ratio = ratio(large, "duckdb", q, true);
      b.append(String.format(Locale.ROOT, "| xsql warm %s DuckDB warm, %s at %,d | %s | %s |%n",
          limit == 1.0 ? "no slower than" : "within 2x of", q.name(), large,
          Double.isNaN(ratio) ? "not run" : String.format(Locale.ROOT, "%.2fx", ratio), met(ratio <= limit, ratio)));
    }
    StringBuilder cold = new StringBuilder();
    boolean under = true;
    boolean measured = false;
    for (BenchQuery q : BenchQuery.joins()) {
      double ms = find(small, "xsql", q, false).map(Result::medianMillis).orElse(Double.NaN);
      measured |= !Double.isNaN(ms);
      under &= ms < 2000;
      cold.append(cold.length() > 0 ? ", " : "").append(q.name()).append(' ')
          .append(String.format(Locale.ROOT, "%.2f s", ms / 1000));
    }
    b.append(String.format(Locale.ROOT, "| xsql cold under 2 s at %,d | %s | %s |%n", small,
        measured ? cold : "not run", measured ? (under ? "yes" : "no") : "n/a"));
    b.append(String.format(Locale.ROOT, "| xsql cold at most 1.0 s at %,d | %s | %s |%n", small,
        measured ? cold : "not run", measured ? (coldAtMost(small, 1000) ? "yes" : "no") : "n/a"));
    StringBuilder coldRatios = new StringBuilder();
    double worst = Double.NaN;
    for (BenchQuery q : BenchQuery.joins()) {
      double r = ratio(large, "duckdb", q, false);
      worst = Double.isNaN(worst) || r > worst ? r : worst;
      coldRatios.append(coldRatios.length() > 0 ? ", " : "").append(q.name()).append(' ')
          .append(String.format(Locale.ROOT, "%.2fx", r));
    }
    b.append(String.format(Locale.ROOT, "| xsql cold within 1.2x of DuckDB cold at %,d (Q1-Q4; where a cold run's"
        + " time goes is in the table under each scale) | %s | %s |%n", large, coldRatios, met(worst <= 1.2, worst)));
    String memory = memoryChecks.stream().filter(m -> m.startsWith(String.format(Locale.ROOT, "%,d ", large)))
        .findFirst().orElse("");
    b.append(String.format(Locale.ROOT, "| xsql Q1 at %,d with at most 64 MiB of heap | %s | %s |%n", large,
        memory.isEmpty() ? "not run" : memory.substring(memory.indexOf("with")), memory.isEmpty() ? "n/a"
            : memory.contains("finished") ? "yes" : "no"));
    double q4 = ratio(large, "duckdb", BenchQuery.Q4, true);
    b.append(String.format(Locale.ROOT, "| xsql warm Q4 (a scan) within 1.5x of DuckDB warm at %,d | %s | %s |%n",
        large, Double.isNaN(q4) ? "not run" : String.format(Locale.ROOT, "%.2fx", q4), met(q4 <= 1.5, q4)));
    for (BenchQuery q : BenchQuery.scans()) {
      // JSON Lines is read on every core, CSV on one.
      int cores = q == BenchQuery.S1 ? machine.cores() : 1;
      double perCore = throughput(large, find(large, "xsql", q, true)).orElse(Double.NaN) / cores;
      b.append(String.format(Locale.ROOT, "| xsql %s scan (%s) at least 150 MB/s per core at %,d | %s | %s |%n",
          q.scanned.orElseThrow().endsWith(".csv") ? "CSV" : "JSON Lines", q.name(), large,
          Double.isNaN(perCore) ? "not run" : String.format(Locale.ROOT, "%.0f MB/s per core (%d core%s)", perCore,
              cores, cores == 1 ? "" : "s"), met(perCore >= 150, perCore)));
    }
    String big = memoryChecks.stream().filter(m -> m.contains("JSON Lines: xsql scan")).findFirst().orElse("");
    b.append(String.format(Locale.ROOT, "| a 2 GB JSON Lines file scans with -Xmx64m | %s | %s |%n",
        big.isEmpty() ? "not run" : big.substring(0, big.indexOf(':')), big.isEmpty() ? "n/a"
            : big.contains("finished") ? "yes" : "no"));
    if (!dbResults.isEmpty()) {
      databaseTargets(b);
    }
    if (!joinResults.isEmpty()) {
      joinReport.targets(b);
    }
  }

  /** The database benchmark: the same queries through PostgreSQL's JDBC driver and through xsql. */
  private void database(StringBuilder b) {
    b.append(String.format(Locale.ROOT, "%n## PostgreSQL table of %,d rows%n%n", settings.dbRows()));
    b.append("The same SQL through PostgreSQL's JDBC driver directly (autocommit off, fetch size 1000) and"
        + " through xsql (`pg.table`, the whole query pushed down), every column of every row read. The engines"
        + " take turns for " + settings.warmRuns() + " rounds, each round a fresh JVM per engine with -Xmx256m in"
        + " which every query runs once untimed and then once timed; medians of the timed runs in seconds.\n\n");
    for (DbQuery q : DbQuery.values()) {
      b.append("- ").append(q.name()).append(" (").append(q.label).append("): `").append(q.sql("t"))
          .append("`\n");
    }
    b.append("\n| engine |");
    for (DbQuery q : DbQuery.values()) {
      b.append(' ').append(q.name()).append(" |");
    }
    b.append(" peak heap MiB |\n|---|").append("---:|".repeat(DbQuery.values().length + 1)).append('\n');
    for (String engine : List.of("jdbc", "xsql")) {
      b.append("| ").append(engine).append(" |");
      double heap = 0;
      for (DbQuery q : DbQuery.values()) {
        DbResult r = DbResult.find(dbResults, engine, q);
        b.append(r.runs().isEmpty() ? " n/a |" : String.format(Locale.ROOT, " %.3f |", r.medianMillis() / 1000));
        heap = Math.max(heap, r.runs().isEmpty() ? 0 : r.peakHeapMb());
      }
      b.append(String.format(Locale.ROOT, " %.0f |%n", heap));
    }
    b.append("| xsql / jdbc |");
    for (DbQuery q : DbQuery.values()) {
      double r = dbRatio(q);
      b.append(Double.isNaN(r) ? " n/a |" : String.format(Locale.ROOT, " %.2f |", r));
    }
    b.append(" |\n");
    dbResults.stream().filter(r -> !r.note().isEmpty()).map(DbResult::note).distinct()
        .forEach(n -> b.append("\n- ").append(n));
  }

  private double dbRatio(DbQuery q) {
    return DbResult.find(dbResults, "xsql", q).medianMillis() / DbResult.find(dbResults, "jdbc", q).medianMillis();
  }

  private void databaseTargets(StringBuilder b) {
    double worst = Double.NaN;
    for (DbQuery q : List.of(DbQuery.D1, DbQuery.D2, DbQuery.D3)) {
      double r = dbRatio(q);
      worst = Double.isNaN(worst) || r > worst ? r : worst;
    }
    b.append(String.format(Locale.ROOT, "| xsql adds at most 20%% to JDBC when the query is pushed down whole"
        + " (worst of D1-D3, %,d rows) | %s | %s |%n", settings.dbRows(),
        Double.isNaN(worst) ? "not run" : String.format(Locale.ROOT, "%.2fx", worst), met(worst <= 1.2, worst)));
    DbResult scan = DbResult.find(dbResults, "xsql", DbQuery.D1);
    b.append(String.format(Locale.ROOT, "| %,d rows stream through xsql with -Xmx256m | %s | %s |%n",
        settings.dbRows(), scan.runs().isEmpty() ? "not run"
            : String.format(Locale.ROOT, "%,d rows, peak heap %.0f MiB", scan.rows(), scan.peakHeapMb()),
        scan.runs().isEmpty() ? "n/a" : scan.rows() == settings.dbRows() ? "yes" : "no"));
    DbResult limit = DbResult.find(dbResults, "xsql", DbQuery.D4);
    double share = limit.medianMillis() / scan.medianMillis();
    b.append(String.format(Locale.ROOT, "| LIMIT 10 returns at once (under 1%% of the full scan's time) | %s | %s |%n",
        Double.isNaN(share) ? "not run" : String.format(Locale.ROOT, "%.1f ms (%.2f%%)", limit.medianMillis(),
            share * 100), met(share < 0.01, share)));
  }

  private static String met(boolean met, double ratio) {
    return Double.isNaN(ratio) ? "n/a" : met ? "yes" : "no";
  }

  private double ratio(int scale, String peer, BenchQuery q, boolean warm) {
    double x = find(scale, "xsql", q, warm).map(Result::medianMillis).orElse(Double.NaN);
    double p = find(scale, peer, q, warm).map(Result::medianMillis).orElse(Double.NaN);
    return x / p;
  }

  /** xsql's median divided by each peer's: below 1 means xsql was faster. */
  private void ratios(StringBuilder b, int scale) {
    if (!settings.engines().contains("xsql")) {
      return;
    }
    b.append("\nxsql / peer (median time ratio; below 1: xsql faster)\n\n| peer |");
    for (BenchQuery q : BenchQuery.joins()) {
      b.append(' ').append(q.name()).append(" cold | ").append(q.name()).append(" warm |");
    }
    b.append("\n|---|").append("---:|".repeat(BenchQuery.joins().size() * 2)).append('\n');
    for (String peer : settings.engines()) {
      if (peer.equals("xsql")) {
        continue;
      }
      b.append("| ").append(peer).append(" |");
      for (BenchQuery q : BenchQuery.joins()) {
        for (boolean warm : new boolean[] {false, true}) {
          double r = ratio(scale, peer, q, warm);
          b.append(Double.isNaN(r) ? " n/a |" : String.format(Locale.ROOT, " %.2f |", r));
        }
      }
      b.append('\n');
    }
  }

  /**
   * Full-scan throughput: the file's size over the warm median. A JSON Lines file is read on all cores
   * (in chunks), a CSV file on one, so the per-core figure divides by the cores the scan used.
   */
  private void scans(StringBuilder b, int scale) {
    b.append("\nFull scans, warm: every column of every row converted (`S1`: images.jsonl, `S2`: images.csv);"
        + " MB/s is the file's size (10^6 bytes) over the median time\n\n| engine |");
    for (BenchQuery q : BenchQuery.scans()) {
      b.append(' ').append(q.name()).append(" s | ").append(q.name()).append(" MB/s |");
    }
    b.append("\n|---|").append("---:|".repeat(BenchQuery.scans().size() * 2)).append('\n');
    for (String engine : settings.engines()) {
      if (!BenchEngine.named(engine).scansFiles()) {
        continue;
      }
      b.append("| ").append(engine).append(" |");
      for (BenchQuery q : BenchQuery.scans()) {
        Optional<Result> r = find(scale, engine, q, true);
        b.append(' ').append(seconds(r)).append(" | ").append(throughput(scale, r).map(
            mb -> String.format(Locale.ROOT, "%.0f", mb)).orElse("n/a")).append(" |");
      }
      b.append('\n');
    }
  }

  /** MB/s of a scan's warm median, if it ran. */
  private Optional<Double> throughput(int scale, Optional<Result> r) {
    return r.filter(x -> !x.runs().isEmpty()).flatMap(x -> x.query().scanned.map(file -> {
      try {
        return Files.size(settings.data().resolve(String.valueOf(scale)).resolve(file)) / 1e3 / x.medianMillis();
      } catch (IOException e) {
        return Double.NaN;
      }
    }));
  }

  /**
   * Where the cold runs' time went, for engines that do not import: each phase's median over the runs,
   * as the child JVM timed it, beside the cold time from outside; what the JVM loaded and compiled by
   * then; and the query planned alone in a fresh JVM and again.
   */
  private void coldPhases(StringBuilder b, int scale) {
    b.append("\nWhere a cold run's time goes, seconds (medians; the child JVM times from its start to `main`,"
        + " opening the connection, `executeQuery` (parse, plan, compile, open the reads) and reading every"
        + " row; the rest of the cold time, timed from outside, is process start and exit. Classes: loaded by"
        + " the JVM by the end of the run; JIT: CPU time its compilers spent by then, on their own threads."
        + " Planning alone: `EXPLAIN` of the query in another fresh JVM right after connecting, and again in"
        + " that JVM (median of " + settings.warmRuns() + ", each a new text): the difference is what a cold"
        + " JVM adds to planning)\n\n"
        + "| engine | query | cold | JVM start to main | connect | executeQuery | read | rest | classes | JIT |"
        + " planning alone, fresh JVM | planning alone, again |\n"
        + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (String engine : settings.engines()) {
      if (BenchEngine.named(engine).imports()) {
        continue;
      }
      for (BenchQuery q : BenchQuery.joins()) {
        Optional<Result> r = find(scale, engine, q, false).filter(x -> !x.phases().isEmpty());
        if (r.isEmpty()) {
          continue;
        }
        List<ColdPhases> p = r.get().phases();
        double startup = ColdPhases.median(p, ColdPhases::startupMillis);
        double connect = ColdPhases.median(p, ColdPhases::connectMillis);
        double execute = ColdPhases.median(p, ColdPhases::executeMillis);
        double read = ColdPhases.median(p, ColdPhases::readMillis);
        double cold = r.get().medianMillis();
        Optional<ColdPlanning> planning = r.get().planning();
        b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %,.0f | %s | %s | %s |%n",
            engine, q.name(), Figures.seconds(cold), Figures.seconds(startup), Figures.seconds(connect),
            Figures.seconds(execute), Figures.seconds(read),
            Figures.seconds(cold - startup - connect - execute - read), ColdPhases.median(p, ColdPhases::classesLoaded),
            Figures.seconds(ColdPhases.median(p, ColdPhases::jitMillis)),
            planning.map(x -> Figures.seconds(x.firstMillis())).orElse("n/a"),
            planning.map(x -> Figures.seconds(x.warmMillis())).orElse("n/a")));
      }
    }
  }

  /** Peak heap and peak RSS of the cold runs. */
  private void memory(StringBuilder b, int scale) {
    b.append("\nPeak heap / peak RSS of the cold runs, MiB (heap: sum of the JVM heap pools' peaks; RSS"
        + " includes native memory such as DuckDB's)\n\n| engine |");
    for (BenchQuery q : BenchQuery.joins()) {
      b.append(' ').append(q.name()).append(" |");
    }
    b.append("\n|---|").append("---:|".repeat(BenchQuery.joins().size())).append('\n');
    for (String engine : settings.engines()) {
      b.append("| ").append(engine).append(" |");
      for (BenchQuery q : BenchQuery.joins()) {
        Optional<Result> r = find(scale, engine, q, false).filter(x -> !x.runs().isEmpty());
        b.append(r.map(x -> String.format(Locale.ROOT, " %.0f / %.0f |", x.peakHeapMb(), x.peakRssMb()))
            .orElse(" n/a |"));
      }
      b.append('\n');
    }
  }

  String csv() {
    StringBuilder b = new StringBuilder(
        "scale,engine,query,mode,run,rows,millis,load_millis,peak_heap_mb,peak_rss_mb,note\n");
    for (Result r : results) {
      for (int i = 0; i < r.runs().size(); i++) {
        Measurement m = r.runs().get(i);
        b.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%d,%d,%.3f,%.3f,%.1f,%.1f,%s%n", r.scale(), r.engine(),
            r.query(), r.warm() ? "warm" : "cold", i + 1, m.rows(), m.millis(), m.loadMillis(), m.peakHeapMb(),
            m.peakRssMb(), r.note().replace(',', ';')));
      }
      if (r.runs().isEmpty()) {
        b.append(String.format(Locale.ROOT, "%d,%s,%s,%s,0,,,,,,%s%n", r.scale(), r.engine(), r.query(),
            r.warm() ? "warm" : "cold", r.note().replace(',', ';')));
      }
    }
    for (DbResult r : dbResults) {
      // The scale column holds the table's row count.
      for (int i = 0; i < r.runs().size(); i++) {
        Measurement m = r.runs().get(i);
        b.append(String.format(Locale.ROOT, "%d,%s,%s,warm,%d,%d,%.3f,0,%.1f,%.1f,%s%n", settings.dbRows(),
            r.engine(), r.query(), i + 1, m.rows(), m.millis(), m.peakHeapMb(), m.peakRssMb(),
            r.note().replace(',', ';')));
      }
    }
    joinReport.csv(b);
    return b.toString();
  }
}
