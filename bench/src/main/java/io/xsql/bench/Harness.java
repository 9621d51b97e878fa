package io.xsql.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs every query on every engine at every scale, cold (a fresh JVM per run, timed from outside with
 * start-up, planning and reading included) and warm (repeated in one JVM), checks that all engines return
 * the same number of rows, and writes the report and the raw CSV. The TPC-H section ({@link TpchSuite}) and
 * the MongoDB section ({@link MongoSuite}) run after it, or alone with {@code --suites tpch} or
 * {@code --suites mongo}.
 */
public final class Harness {
  private final BenchSettings settings;
  private final List<Result> results = new ArrayList<>();
  private final List<String> memoryChecks = new ArrayList<>();
  private final List<DbResult> dbResults = new ArrayList<>();
  private final List<JoinResult> joinResults = new ArrayList<>();
  /** JVM options each engine's children start with: its class-data-sharing archive, if one was made. */
  private final Map<String, List<String>> jvmOptions = new HashMap<>();
  private final ChildJvm childJvm;

  Harness(BenchSettings settings) {
    this.settings = settings;
    this.childJvm = new ChildJvm(settings.timeoutMillis());
  }

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help")) {
      System.out.print(BenchSettings.USAGE);
      return;
    }
    BenchSettings settings;
    try {
      settings = BenchSettings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Harness harness = new Harness(settings);
    List<String> mismatches = harness.run();
    System.out.println("Wrote " + settings.markdown() + (settings.runs("main") ? " and " + settings.csv() : "")
        + (settings.runs("tpch") ? " and " + settings.tpch().csv() : "")
        + (settings.runs("mongo") ? " and " + settings.mongo().csv() : ""));
    if (!mismatches.isEmpty()) {
      mismatches.forEach(System.err::println);
      System.exit(1);
    }
  }

  /**
   * Runs the suites {@code --suites} names and writes the report; returns row-count mismatches, wrong
   * TPC-H results and rows that differ in the MongoDB section (empty when engines agree).
   */
  List<String> run() throws IOException, InterruptedException {
    Machine machine = Machine.describe();
    List<String> mismatches = new ArrayList<>();
    if (settings.runs("main")) {
      mismatches.addAll(main(machine));
    }
    if (settings.runs("tpch")) {
      TpchSuite suite = new TpchSuite(settings);
      String servers = TpchSuite.servers();
      List<TpchScale> tpch = new ArrayList<>();
      for (double sf : settings.tpch().scaleFactors()) {
        tpch.add(suite.scale(sf));
        // Written after each scale factor, so that a long run that is stopped keeps what finished.
        new TpchReport(settings, machine, servers, tpch).write();
      }
      mismatches.addAll(TpchReport.wrong(tpch));
    }
    if (settings.runs("mongo")) {
      MongoReport report = new MongoReport(settings, machine, new MongoSuite(settings).run());
      report.write();
      mismatches.addAll(report.mismatches());
    }
    if (settings.runs("sorted")) {
      SortedReport report = new SortedReport(settings, machine, new SortedSuite(settings).run());
      report.write();
      mismatches.addAll(report.mismatches());
    }
    if (settings.runs("rest")) {
      RestReport report = new RestReport(settings, machine, new RestSuite(settings).run());
      report.write();
      mismatches.addAll(report.mismatches());
    }
    if (settings.runs("stream")) {
      StreamReport report = new StreamReport(settings, machine, new StreamSuite(settings).run());
      report.write();
      mismatches.addAll(report.mismatches());
    }
    return mismatches;
  }

  /** The products/images engines, the database table and the join strategies; writes their report. */
  private List<String> main(Machine machine) throws IOException, InterruptedException {
    List<String> mismatches = new ArrayList<>();
    for (String engine : settings.engines()) {
      jvmOptions.put(engine, settings.cds() ? classDataSharing(engine) : List.of());
    }
    for (int scale : settings.scales()) {
      Path data = data(scale);
      for (String engine : settings.engines()) {
        if (engine.equals("h2") && scale > settings.h2MaxScale()) {
          continue;
        }
        runEngine(engine, scale, data);
      }
      mismatches.addAll(checkRows(scale));
      if (settings.engines().contains("xsql")) {
        memoryChecks.add(memoryCheck(scale, data));
      }
    }
    if (settings.engines().contains("xsql") && settings.bigScanMb() > 0) {
      memoryChecks.add(bigScan());
    }
    if (settings.engines().contains("xsql") && settings.dbRows() > 0) {
      mismatches.addAll(dbBench());
    }
    if (settings.engines().contains("xsql") && settings.joins()) {
      mismatches.addAll(joins());
    }
    new Report(settings, machine, results, memoryChecks, dbResults, joinResults, mismatches).write();
    return mismatches;
  }

  private void runEngine(String engine, int scale, Path data) throws IOException, InterruptedException {
    DataFile.emptyFolder(temporaryFolder(data));
    List<BenchQuery> warm = new ArrayList<>();
    for (BenchQuery query : BenchQuery.joins()) {
      List<Measurement> runs = new ArrayList<>();
      List<ColdPhases> phases = new ArrayList<>();
      String note = "";
      for (int r = 0; r < settings.coldRuns(); r++) {
        ChildJvm.Output c = child(engine, data, 1, List.of(query), Optional.empty());
        if (!c.problem().isEmpty()) {
          note = c.problem();
          break;
        }
        runs.add(c.runs().get(0));
        c.lines().stream().map(ColdPhases::parse).flatMap(Optional::stream).findFirst().ifPresent(phases::add);
        if (c.runs().get(0).millis() > settings.slowMillis() && r + 1 < settings.coldRuns()) {
          note = "run " + runs.size() + "x: slower than " + settings.slowMillis() / 1000 + " s";
          break;
        }
      }
      Optional<ColdPlanning> planning = note.isEmpty() && !BenchEngine.named(engine).imports()
          ? planning(engine, data, query) : Optional.empty();
      results.add(new Result(scale, engine, query, false, runs, note, phases, planning));
      if (note.isEmpty()) {
        warm.add(query);
      } else {
        results.add(new Result(scale, engine, query, true, List.of(), "not run warm: " + note));
      }
    }
    if (BenchEngine.named(engine).scansFiles()) {
      // Throughput is a warm figure: the scans are not run cold.
      warm.addAll(BenchQuery.scans());
    }
    if (warm.isEmpty() || settings.warmRuns() == 0) {
      return;
    }
    ChildJvm.Output c = child(engine, data, settings.warmRuns() + 1, warm, Optional.empty());
    for (int q = 0; q < warm.size(); q++) {
      // Each query's first run in the JVM is its cold one; the timed runs follow.
      int from = q * (settings.warmRuns() + 1) + 1;
      results.add(new Result(scale, engine, warm.get(q), true, c.problem().isEmpty()
          ? c.runs().subList(from, from + settings.warmRuns()) : List.of(), c.problem()));
    }
  }

  /**
   * Makes an AppCDS archive of the classes an engine loads, by a training run of every query over a tiny
   * data set, so that its cold runs start as a deployed Java application would (class loading and
   * verification dominate a cold Calcite query). Every engine gets its own; the options to use it, or
   * none if training failed.
   */
  private List<String> classDataSharing(String engine) throws IOException, InterruptedException {
    Path training = settings.data().resolve("cds-training");
    if (!Files.exists(training.resolve("complete"))) {
      ProductsImages.generate(training, 1000, 42);
      ProductsImages.writeCsv(training);
      Files.writeString(training.resolve("complete"), "seed 42\n");
    }
    Path archive = settings.data().resolve("cds").resolve(engine + ".jsa").toAbsolutePath();
    Files.createDirectories(archive.getParent());
    Files.deleteIfExists(archive);
    List<String> args = new ArrayList<>(List.of(engine, training.toString(), "1"));
    BenchQuery.joins().forEach(q -> args.add(q.name()));
    if (BenchEngine.named(engine).scansFiles()) {
      BenchQuery.scans().forEach(q -> args.add(q.name()));
    }
    List<String> quiet = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    List<String> dump = new ArrayList<>(quiet);
    // Compiles in the requesting thread, so that none is still queued when the JVM exits: such a method
    // can be archived in a state that no later JVM compiles (seen: the CSV tokenizer stayed interpreted).
    dump.add("-XX:-BackgroundCompilation");
    dump.add("-XX:ArchiveClassesAtExit=" + archive);
    ChildJvm.Output c = childJvm.run(QueryRunner.class.getName(), args, dump, false);
    if (!c.problem().isEmpty() || !Files.exists(archive)) {
      System.err.println("bench: no class-data-sharing archive for " + engine + ": " + c.problem());
      return List.of();
    }
    List<String> use = new ArrayList<>(quiet);
    use.add("-XX:SharedArchiveFile=" + archive);
    return use;
  }

  /** xsql's Q1 with the heap capped at 64 MiB: does it finish, and how fast. */
  private String memoryCheck(int scale, Path data) throws IOException, InterruptedException {
    ChildJvm.Output c = child("xsql", data, 1, List.of(BenchQuery.Q1), Optional.of("-Xmx64m"));
    String outcome = c.problem().isEmpty() ? String.format(Locale.ROOT, "finished in %.2f s (%d rows)",
        c.runs().get(0).millis() / 1000, c.runs().get(0).rows()) : c.problem();
    return String.format(Locale.ROOT, "%,d products: xsql Q1 with -Xmx64m %s", scale, outcome);
  }

  /**
   * xsql scanning a JSON Lines file of {@code --big-scan-mb} (the largest scale's images, repeated) with
   * the heap capped at 64 MiB: does it finish, how fast, with how much memory.
   */
  private String bigScan() throws IOException, InterruptedException {
    int largest = settings.scales().stream().max(Integer::compare).orElseThrow();
    Path source = settings.data().resolve(String.valueOf(largest)).resolve("images.jsonl");
    Path dir = settings.data().resolve("big-" + settings.bigScanMb() + "mb-of-" + largest);
    long bytes = BigScan.prepare(source, dir, settings.bigScanMb() * 1024L * 1024L);
    List<String> options = new ArrayList<>(jvmOptions.getOrDefault("xsql", List.of()));
    options.add("-Xmx64m");
    ChildJvm.Output c = childJvm.run(BigScan.class.getName(), List.of(dir.toString()), options, false);
    if (!c.problem().isEmpty()) {
      return String.format(Locale.ROOT, "%,d MB JSON Lines: xsql scan with -Xmx64m %s", bytes / 1_000_000,
          c.problem());
    }
    Measurement m = c.runs().get(0);
    return String.format(Locale.ROOT, "%,d MB JSON Lines: xsql scan (`%s`) with -Xmx64m finished in %.2f s"
        + " (%.0f MB/s, %,d rows counted), peak heap %.0f MiB, peak RSS %.0f MiB", bytes / 1_000_000,
        BigScan.SQL, m.millis() / 1000, bytes / 1e3 / m.millis(), m.rows(), m.peakHeapMb(), m.peakRssMb());
  }

  /**
   * xsql and PostgreSQL's JDBC driver reading the same table of {@code --db-rows} rows, each in a JVM with
   * a 256 MiB heap, every query warm; returns row-count mismatches between the two.
   */
  private List<String> dbBench() throws IOException, InterruptedException {
    String table;
    try {
      table = DbBench.prepare(settings.dbUrl(), settings.dbRows());
    } catch (SQLException e) {
      for (DbQuery q : DbQuery.values()) {
        dbResults.add(new DbResult("xsql", q, List.of(), "PostgreSQL not available: " + e.getMessage()));
      }
      return List.of();
    }
    // The engines take turns, a fresh JVM each per round, so that the machine's drift over the minutes the
    // rounds take falls on both alike; in each JVM a query runs once untimed, then once timed.
    List<String> engines = List.of("jdbc", "xsql");
    Map<String, Map<DbQuery, List<Measurement>>> timed = new HashMap<>();
    Map<String, String> problems = new HashMap<>();
    for (int round = 0; round < settings.warmRuns(); round++) {
      for (String engine : engines) {
        if (problems.containsKey(engine)) {
          continue;
        }
        List<String> args = new ArrayList<>(List.of(engine, settings.dbUrl(), table, "2"));
        for (DbQuery q : DbQuery.values()) {
          args.add(q.name());
        }
        List<String> options = new ArrayList<>(engine.equals("xsql")
            ? jvmOptions.getOrDefault("xsql", List.of()) : List.of());
        options.add("-Xmx256m");
        ChildJvm.Output c = childJvm.run(DbBench.class.getName(), args, options, false);
        if (!c.problem().isEmpty() || c.runs().size() != 2 * DbQuery.values().length) {
          problems.put(engine, c.problem().isEmpty() ? "too few measurements" : c.problem());
          continue;
        }
        for (DbQuery q : DbQuery.values()) {
          timed.computeIfAbsent(engine, e -> new EnumMap<>(DbQuery.class))
              .computeIfAbsent(q, x -> new ArrayList<>()).add(c.runs().get(2 * q.ordinal() + 1));
        }
      }
    }
    for (String engine : engines) {
      for (DbQuery q : DbQuery.values()) {
        String problem = problems.getOrDefault(engine, "");
        dbResults.add(new DbResult(engine, q, problem.isEmpty() ? timed.get(engine).get(q) : List.of(), problem));
      }
    }
    List<String> out = new ArrayList<>();
    for (DbQuery q : DbQuery.values()) {
      long jdbc = DbResult.find(dbResults, "jdbc", q).rows();
      long xsql = DbResult.find(dbResults, "xsql", q).rows();
      if (jdbc != xsql) {
        out.add(String.format("row counts differ on the database table, %s: xsql returned %d, JDBC %d", q,
            xsql, jdbc));
      }
    }
    return out;
  }

  /**
   * Q1 at the largest scale with each join strategy, and the lookup into the database table (unless
   * {@code --db-rows 0}); returns the cases whose row counts differ from the other engines' Q1 or from
   * one row per key.
   */
  private List<String> joins() throws IOException, InterruptedException {
    int largest = settings.scales().stream().max(Integer::compare).orElseThrow();
    JoinSuite suite = new JoinSuite(settings, childJvm, jvmOptions.getOrDefault("xsql", List.of()));
    joinResults.addAll(suite.q1(data(largest)));
    if (settings.dbRows() > 0) {
      joinResults.addAll(suite.lookup());
    }
    Optional<Long> q1 = results.stream().filter(r -> r.scale() == largest && r.query() == BenchQuery.Q1
        && !r.runs().isEmpty()).map(Result::rows).findFirst();
    List<String> out = new ArrayList<>();
    for (JoinResult r : joinResults) {
      Optional<Long> expected = r.query().part == JoinQuery.Part.Q1 ? q1
          : Optional.of((long) JoinSuite.keyCount(settings.dbRows()));
      if (!r.runs().isEmpty() && expected.isPresent() && r.rows() != expected.get()) {
        out.add(String.format(Locale.ROOT, "row counts differ on the join strategies, %s: xsql returned %d,"
            + " expected %d", r.query(), r.rows(), expected.get()));
      }
    }
    return out;
  }

  private List<String> checkRows(int scale) {
    List<String> out = new ArrayList<>();
    Map<BenchQuery, Long> expected = new EnumMap<>(BenchQuery.class);
    for (Result r : results) {
      if (r.scale() != scale || r.runs().isEmpty()) {
        continue;
      }
      for (Measurement m : r.runs()) {
        Long first = expected.putIfAbsent(r.query(), m.rows());
        if (first != null && first != m.rows()) {
          out.add(String.format("row counts differ at %d products, %s: %s returned %d, expected %d", scale,
              r.query(), r.engine(), m.rows(), first));
        }
      }
    }
    return out;
  }

  /** Generates the data set once per scale; a marker file says the generation finished. */
  private Path data(int scale) throws IOException {
    Path dir = settings.data().resolve(String.valueOf(scale));
    Path done = dir.resolve("complete");
    String marker = "seed 42, with CSV copies\n";
    if (!Files.exists(done) || !Files.readString(done).equals(marker)) {
      System.out.println("Generating " + scale + " products in " + dir);
      ProductsImages.generate(dir, scale, 42);
      ProductsImages.writeCsv(dir);
      Files.writeString(done, marker);
    }
    return dir;
  }

  /**
   * Runs queries in a fresh JVM with this JVM's class path. A query run once is timed from outside, JVM
   * start-up included (an engine's import excluded, it is reported as the load).
   */
  private Path temporaryFolder(Path data) {
    return settings.data().resolve("tmp").resolve(data.getFileName()).toAbsolutePath();
  }

  /** The query planned alone in a fresh JVM, then again in it; empty if the child failed. */
  private Optional<ColdPlanning> planning(String engine, Path data, BenchQuery query) throws IOException,
      InterruptedException {
    List<String> args = List.of(engine, data.toString(), String.valueOf(settings.warmRuns()), "--explain",
        query.name());
    ChildJvm.Output c = childJvm.run(QueryRunner.class.getName(), args, childOptions(engine, data,
        Optional.empty()), false);
    return c.lines().stream().map(ColdPlanning::parse).flatMap(Optional::stream).findFirst();
  }

  private ChildJvm.Output child(String engine, Path data, int runs, List<BenchQuery> queries,
      Optional<String> heap) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(engine, data.toString(), String.valueOf(runs)));
    queries.forEach(q -> args.add(q.name()));
    ChildJvm.Output c = childJvm.run(QueryRunner.class.getName(), args, childOptions(engine, data, heap), true);
    if (!c.problem().isEmpty() || c.runs().size() != runs * queries.size()) {
      return c.failed(c.problem().isEmpty() ? "too few measurements" : c.problem());
    }
    return c;
  }

  private List<String> childOptions(String engine, Path data, Optional<String> heap) {
    List<String> options = new ArrayList<>(jvmOptions.getOrDefault(engine, List.of()));
    heap.ifPresent(options::add);
    // The data set's own temporary folder, emptied before each engine's runs (runEngine): what xsql remembers
    // of its files there (their checked order, their columns) is found by its later runs at this scale, never
    // by earlier ones.
    options.add("-Djava.io.tmpdir=" + temporaryFolder(data));
    return options;
  }
}
