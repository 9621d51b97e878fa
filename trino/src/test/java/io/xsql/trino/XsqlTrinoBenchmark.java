package io.xsql.trino;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryRunner;
import io.xsql.tck.TpchComparison;
import io.xsql.tck.TpchFixture;
import io.xsql.tck.TpchQueries;
import io.xsql.tck.TpchQuery;
import io.xsql.tck.TpchResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Trino benchmark, run by {@code bench/run-trino}: TPC-H through a Trino cluster beside embedded xsql,
 * and a JSON Lines scan at one and two workers, written as {@link XsqlTrinoBenchReport}. It runs only when
 * the system property {@value #REPORT} names the report file, so the plugin's test run skips it.
 *
 * <p>Other system properties: {@value #SCALES} (TPC-H scale factors, comma-separated, default 0.01,0.1;
 * {@code none} for no TPC-H), {@value #LINES} (the scan file's lines, default 1,000,000; 0 for no scan),
 * {@value #COMMIT} (the code's commit, for the report).
 */
final class XsqlTrinoBenchmark {
  static final String REPORT = "xsql.trino.bench.report";
  static final String SCALES = "xsql.trino.bench.scales";
  static final String LINES = "xsql.trino.bench.lines";
  static final String COMMIT = "xsql.trino.bench.commit";

  private static final int TIMED_RUNS = 3;
  /**
   * {@code xsql.split-bytes} at SF 0.01, as {@link XsqlTrinoTpchTest} has it (some 30 splits of lineitem);
   * larger scale factors get proportionally larger splits, so that the split count stays the same.
   */
  private static final int TPCH_SPLIT_BYTES = 256 * 1024;
  /** Some 20 splits of the scan's million lines. */
  private static final int SCAN_SPLIT_BYTES = 4 << 20;
  private static final String SCAN_SQL = "SELECT COUNT(*), SUM(id), COUNT(DISTINCT id) FROM events";
  /** Planning anew on every run, as the Trino side does. */
  private static final String XSQL_SETTINGS = ";planCache=0";

  @Test
  @EnabledIfSystemProperty(named = REPORT, matches = ".+")
  void run(@TempDir Path dir) throws Exception {
    Instant started = Instant.now();
    String loadAtStart = XsqlTrinoBenchMachine.loadAverages();
    List<XsqlTrinoBenchScale> scales = new ArrayList<>();
    for (double scaleFactor : scaleFactors()) {
      scales.add(tpch(scaleFactor, Files.createDirectories(dir.resolve("tpch-" + scaleFactor))));
    }
    long lines = Long.parseLong(System.getProperty(LINES, "1000000"));
    Optional<XsqlTrinoBenchScanRun> scan = lines > 0
        ? Optional.of(scan(lines, Files.createDirectories(dir.resolve("scan")))) : Optional.empty();
    XsqlTrinoBenchSetting setting = new XsqlTrinoBenchSetting(started, System.getProperty(COMMIT, "unknown"),
        XsqlTrinoBenchMachine.describe(), loadAtStart, XsqlTrinoBenchMachine.loadAverages());
    Path report = Path.of(System.getProperty(REPORT));
    Files.createDirectories(report.toAbsolutePath().getParent());
    Files.writeString(report, new XsqlTrinoBenchReport(setting, scales, scan).markdown());
    System.out.println("bench: wrote " + report);
    // Written first, so that a difference is in the report; then the run fails on it.
    assertThat(scales).allSatisfy(s -> assertThat(s.agreeing()).as("TPC-H queries whose rows agree")
        .hasSameSizeAs(s.queries()));
    scan.ifPresent(s -> assertThat(s.agree()).as("the scan's rows agree").isTrue());
  }

  private static List<Double> scaleFactors() {
    String scales = System.getProperty(SCALES, "0.01,0.1").trim();
    return scales.equals("none") ? List.of()
        : Arrays.stream(scales.split(",")).map(String::trim).map(Double::valueOf).toList();
  }

  private static XsqlTrinoBenchScale tpch(double scaleFactor, Path dir) throws Exception {
    MongoServer mongo = new MongoServer(new MemoryBackend());
    try {
      String mongoUri = "mongodb://localhost:" + mongo.bind().getPort() + "/?serverSelectionTimeoutMS=2000";
      progress("TPC-H SF %s: writing the data", scaleFactor);
      Path catalog = TpchFixture.writeWithoutDatabases(scaleFactor, dir, mongoUri);
      int splitBytes = (int) Math.round(TPCH_SPLIT_BYTES * scaleFactor / 0.01);
      List<XsqlTrinoBenchQuery> queries = new ArrayList<>();
      try (XsqlTrinoCluster cluster = XsqlTrinoCluster.start("tpch", catalog, splitBytes);
          Connection xsql = cluster.connectXsql(XSQL_SETTINGS)) {
        for (int number : XsqlTrinoTpchTest.QUERIES) {
          TpchQuery query = TpchQueries.get(number);
          String sql = query.withoutDatabasesSql();
          var embedded = XsqlTrinoBenchTiming.measure(TIMED_RUNS, () -> read(xsql, sql));
          var viaTrino = XsqlTrinoBenchTiming.measure(TIMED_RUNS,
              () -> XsqlTrinoAnswers.tpchResult(cluster.trino().execute(sql)));
          XsqlTrinoBenchQuery q = new XsqlTrinoBenchQuery(query.name(), embedded.firstResult().rows().size(),
              embedded.timing(), viaTrino.timing(),
              TpchComparison.difference(query, embedded.firstResult(), viaTrino.firstResult()));
          progress("TPC-H SF %s %s: xsql %s s, Trino %s s", scaleFactor, q.name(),
              XsqlTrinoBenchReport.seconds(q.xsql().medianMillis()),
              XsqlTrinoBenchReport.seconds(q.trino().medianMillis()));
          queries.add(q);
        }
      }
      return new XsqlTrinoBenchScale(scaleFactor, splitBytes, queries);
    } finally {
      mongo.shutdownNow();
    }
  }

  private static TpchResult read(Connection xsql, String sql) throws SQLException {
    try (Statement s = xsql.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return TpchResult.read(rs);
    }
  }

  private static XsqlTrinoBenchScanRun scan(long lines, Path dir) throws Exception {
    progress("scan: writing %d lines", lines);
    Path file = writeEvents(dir.resolve("events.jsonl"), lines);
    // Pinned: the first lines' ids fit an INTEGER, whose SUM would overflow in embedded xsql.
    Path catalog = Files.writeString(dir.resolve("scan.yaml"),
        "sources:\n  events: { type: jsonl, path: events.jsonl, columns: { id: BIGINT } }\n");
    List<XsqlTrinoBenchScan> scans = new ArrayList<>();
    for (int workers : List.of(1, 2)) {
      try (XsqlTrinoCluster cluster = XsqlTrinoCluster.startWorkers("scan", catalog, SCAN_SPLIT_BYTES, workers)) {
        DistributedQueryRunner trino = cluster.trino();
        var run = XsqlTrinoBenchTiming.measure(TIMED_RUNS,
            () -> trino.executeWithPlan(trino.getDefaultSession(), SCAN_SQL));
        scans.add(new XsqlTrinoBenchScan("Trino, " + workers + (workers == 1 ? " worker" : " workers"),
            run.timing(), Optional.of(scanStage(trino, run.firstResult())),
            XsqlTrinoAnswers.rows(run.firstResult().result()).getFirst()));
        progress("scan: Trino with %d workers %s s", workers, XsqlTrinoBenchReport.seconds(run.timing().medianMillis()));
        if (workers == 2) {
          try (Connection xsql = cluster.connectXsql(XSQL_SETTINGS)) {
            var embedded = XsqlTrinoBenchTiming.measure(TIMED_RUNS, () -> scanRow(xsql));
            scans.add(new XsqlTrinoBenchScan("embedded xsql", embedded.timing(), Optional.empty(),
                embedded.firstResult()));
            progress("scan: embedded xsql %s s", XsqlTrinoBenchReport.seconds(embedded.timing().medianMillis()));
          }
        }
      }
    }
    return new XsqlTrinoBenchScanRun(lines, Files.size(file), SCAN_SPLIT_BYTES, scans);
  }

  /** Events with a few columns of each kind, about 80 bytes a line. */
  private static Path writeEvents(Path file, long lines) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      for (long id = 1; id <= lines; id++) {
        w.write(String.format(Locale.ROOT,
            "{\"id\":%d,\"category\":\"c%d\",\"amount\":%d.%02d,\"day\":\"2024-%02d-%02d\",\"ok\":%b}%n",
            id, id % 97, id % 1000, id % 100, id % 12 + 1, id % 28 + 1, id % 3 == 0));
      }
    }
    return file;
  }

  private static String scanRow(Connection xsql) throws SQLException {
    try (Statement s = xsql.createStatement(); ResultSet rs = s.executeQuery(SCAN_SQL)) {
      return XsqlTrinoAnswers.rows(rs).getFirst();
    }
  }

  /**
   * The scan stage of a query: the last one, since Trino numbers a query's stages from the output down to the
   * leaves, and this query has one leaf.
   */
  private static XsqlTrinoBenchScan.Stage scanStage(DistributedQueryRunner trino,
      QueryRunner.MaterializedResultWithPlan run) {
    List<MaterializedRow> stages = trino.execute("SELECT stage_id, count(DISTINCT node_id), sum(completed_splits)"
        + " FROM system.runtime.tasks WHERE query_id = '" + run.queryId() + "' GROUP BY stage_id")
        .getMaterializedRows();
    progress("scan: stages (id, nodes, splits) %s", stages);
    MaterializedRow leaf = stages.stream().max(Comparator.comparingInt(XsqlTrinoBenchmark::stageNumber))
        .orElseThrow(() -> new IllegalStateException("no tasks of query " + run.queryId()));
    return new XsqlTrinoBenchScan.Stage((Long) leaf.getField(2), (Long) leaf.getField(1));
  }

  private static int stageNumber(MaterializedRow stage) {
    String id = (String) stage.getField(0);
    return Integer.parseInt(id.substring(id.lastIndexOf('.') + 1));
  }

  private static void progress(String format, Object... args) {
    System.out.println("bench: " + String.format(Locale.ROOT, format, args));
  }
}
