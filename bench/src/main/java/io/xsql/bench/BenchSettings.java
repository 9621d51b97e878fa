package io.xsql.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the harness runs.
 *
 * @param scales product counts to generate and query
 * @param engines engine names
 * @param coldRuns fresh-JVM runs per query (the median is reported)
 * @param warmRuns timed runs per query in one JVM, after one untimed run
 * @param slowMillis a cold run slower than this is not repeated, and the query is not run warm
 * @param h2MaxScale the largest scale H2 imports (importing millions of rows per cold run takes minutes)
 * @param timeoutMillis a child JVM running longer is stopped and its query reported as timed out
 * @param cds whether each engine's JVMs start with a class-data-sharing archive made by a training run
 * @param bigScanMb the size of the JSON Lines file xsql scans with a 64 MiB heap; 0 to leave it out
 * @param dbRows rows of the PostgreSQL table xsql reads against plain JDBC; 0 to leave it out
 * @param dbUrl the PostgreSQL database (user included) holding that table
 * @param joins whether xsql runs Q1 at the largest scale with each join strategy forced, and (with a
 *     database table) a lookup of keys into the table against the hash plan
 * @param data folder for the generated data sets
 * @param markdown the report
 * @param csv the raw measurements
 * @param suites which parts run: {@code main} (everything above), {@code tpch} (the TPC-H section) and
 *     {@code mongo} (the MongoDB section), {@code rest} (the REST section), {@code sorted} (the sorted-input
 *     section) and {@code stream} (the streams section)
 * @param tpch how the TPC-H section runs
 * @param mongo how the MongoDB section runs
 * @param sortedRows rows of the sorted-input section's file
 * @param streamEvents events of the streams section, in its file and its JetStream stream
 */
record BenchSettings(List<Integer> scales, List<String> engines, int coldRuns, int warmRuns, long slowMillis,
    int h2MaxScale, long timeoutMillis, boolean cds, int bigScanMb, long dbRows, String dbUrl,
    boolean joins, Path data, Path markdown, Path csv, List<String> suites, TpchSettings tpch, MongoSettings mongo,
    long sortedRows, long streamEvents) {

  /** The parts of the benchmark {@code --suites} can name. */
  static final List<String> SUITES = List.of("main", "tpch", "mongo", "rest", "sorted", "stream");

  static final String USAGE = """
      Usage: bench/run [--scales 100000,1000000] [--engines xsql,duckdb,calcite,h2] [--cold-runs 3]
                       [--warm-runs 3] [--slow-ms 20000] [--h2-max-scale 100000] [--timeout-ms 300000]
                       [--cds true] [--big-scan-mb 2048] [--db-rows 5000000]
                       [--db-url jdbc:postgresql://127.0.0.1:5432/test?user=postgres] [--joins true]
                       [--data bench/data] [--out docs/benchmarks.md] [--csv docs/benchmarks.csv]
                       [--suites main,tpch,mongo,rest,sorted,stream] [--tpch 0.1,1] [--tpch-queries 1-22] [--tpch-timeout-s 120]
                       [--tpch-csv docs/benchmarks-tpch.csv] [--tpch-pg-jit false]
                       [--mongo-docs 1000000] [--mongo-keys 1000]
                       [--mongo-csv bench/results/benchmarks-mongo.csv] [--sorted-rows 10000000]
                       [--stream-events 10000000]
      --joins false leaves out the join strategies (Q1 at the largest scale with each strategy forced, and
      the lookup of 10,000 keys into the --db-rows table); they run only with the xsql engine, the lookup
      only with --db-rows above 0. --db-rows 0 and --big-scan-mb 0 leave out those parts.
      --suites tpch runs only the TPC-H section (the 22 queries at each --tpch scale factor, in xsql over
      PostgreSQL, MariaDB and files, and in PostgreSQL holding all eight tables); it replaces that section of
      --out and keeps the rest. --suites main (or --tpch none) leaves it out, keeping the section --out has.
      The TPC-H databases (xsql_bench_tpch_sf<SF>_pg, _my, _ref) are loaded once and kept for later runs.
      --tpch-pg-jit sets PostgreSQL's jit on both PostgreSQL databases: off by default, as PostgreSQL 15
      compiling the filter of a 4096-pair lookup batch ran for many minutes, deaf to cancel.
      --suites mongo runs only the MongoDB section: --mongo-docs orders generated into mongo-java-server (in
      memory, in the harness's JVM), a filtered scan through xsql and through MongoDB's Java driver, and a
      lookup join of --mongo-keys customers from a JSON Lines file against the hash plan; like the TPC-H
      section, it replaces its own section of --out and a run without it keeps that section.
      --suites rest runs only the REST section: a JSON API served in the harness's JVM with 20 ms per request,
      a paged listing, a lookup join batched and one key per request, and a repeated query within the cache's
      TTL, with the requests each sends; it too replaces only its own section.
      --suites sorted runs only the sorted-input section: a GROUP BY and a running SUM over a CSV file of
      --sorted-rows rows sorted on its keys, in xsql with the order declared and not and in DuckDB, time, time
      to the first row and peak memory, and each xsql case in a 32 MiB heap; it too replaces only its section.
      --suites stream runs only the streams section: a tumbling-window count over --stream-events events with
      1,000 keys, from a followed JSON Lines file and from a JetStream stream on nats://127.0.0.1:4222 (made
      and deleted by the run), in xsql and in the raw client's own loop, each in a JVM with -Xmx128m, and the
      latency from publish to window row at 10,000 events/s; it too replaces only its section.
      """;

  private static final Set<String> OPTIONS = Set.of("--scales", "--engines", "--cold-runs", "--warm-runs",
      "--slow-ms", "--h2-max-scale", "--timeout-ms", "--cds", "--big-scan-mb", "--db-rows", "--db-url",
      "--joins", "--data", "--out", "--csv", "--suites", "--tpch", "--tpch-queries", "--tpch-timeout-s",
      "--tpch-csv", "--tpch-pg-jit", "--mongo-docs", "--mongo-keys", "--mongo-csv", "--sorted-rows",
      "--stream-events");

  /** Parses {@code --option value} pairs; anything not given keeps its default from {@link #USAGE}. */
  static BenchSettings parse(String... args) {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!OPTIONS.contains(args[i]) || i + 1 >= args.length) {
        throw new IllegalArgumentException("bad option " + args[i] + "\n" + USAGE);
      }
      o.put(args[i], args[i + 1]);
    }
    BenchSettings s = new BenchSettings(
        Arrays.stream(o.getOrDefault("--scales", "100000,1000000").split(",")).map(Integer::valueOf).toList(),
        List.of(o.getOrDefault("--engines", "xsql,duckdb,calcite,h2").split(",")),
        Integer.parseInt(o.getOrDefault("--cold-runs", "3")),
        Integer.parseInt(o.getOrDefault("--warm-runs", "3")),
        Long.parseLong(o.getOrDefault("--slow-ms", "20000")),
        Integer.parseInt(o.getOrDefault("--h2-max-scale", "100000")),
        Long.parseLong(o.getOrDefault("--timeout-ms", "300000")),
        Boolean.parseBoolean(o.getOrDefault("--cds", "true")),
        Integer.parseInt(o.getOrDefault("--big-scan-mb", "2048")),
        Long.parseLong(o.getOrDefault("--db-rows", "5000000")),
        o.getOrDefault("--db-url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"),
        Boolean.parseBoolean(o.getOrDefault("--joins", "true")),
        Path.of(o.getOrDefault("--data", "bench/data")),
        Path.of(o.getOrDefault("--out", "docs/benchmarks.md")),
        Path.of(o.getOrDefault("--csv", "docs/benchmarks.csv")),
        List.of(o.getOrDefault("--suites", "main,tpch,mongo,rest,sorted,stream").split(",")),
        TpchSettings.of(o), MongoSettings.of(o), Long.parseLong(o.getOrDefault("--sorted-rows", "10000000")),
        Long.parseLong(o.getOrDefault("--stream-events", "10000000")));
    s.engines.forEach(BenchEngine::named);
    for (String suite : s.suites) {
      if (!SUITES.contains(suite)) {
        throw new IllegalArgumentException("unknown suite '" + suite + "': --suites takes " + SUITES + "\n" + USAGE);
      }
    }
    return s;
  }

  /**
   * Whether a part of the benchmark runs: {@code main}, {@code mongo}, or {@code tpch} with a scale factor to
   * run.
   */
  boolean runs(String suite) {
    return suites.contains(suite) && (!suite.equals("tpch") || tpch.enabled());
  }
}
