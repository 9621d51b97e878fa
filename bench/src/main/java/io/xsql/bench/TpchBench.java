package io.xsql.bench;

import io.xsql.tck.TpchComparison;
import io.xsql.tck.TpchConnections;
import io.xsql.tck.TpchQueries;
import io.xsql.tck.TpchQuery;
import io.xsql.tck.TpchResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The child side of the TPC-H section. {@code TpchBench QUERY NAME DIR RUNS TIMEOUT_S SLOW_MS} runs TPC-H
 * query QUERY (1 to 22) over {@code TpchConnections.named(NAME, DIR)}, already loaded (the catalog there
 * names the harness's MongoDB server), in one JVM:
 * in xsql once (the first run of a fresh JVM) and then RUNS timed runs (one if the first took longer than
 * SLOW_MS, and none after a timed run that did); {@code EXPLAIN PLAN FOR} the query {@link #EXPLAINS} times,
 * the JVM warm, as a measure of planning; in the reference database once untimed and then RUNS timed runs
 * (likewise); and compares every xsql result with the reference's. {@code TpchBench calcite QUERY ...} runs
 * the query in plain Calcite over the same sources ({@link TpchCalciteModel} in DIR) instead, as xsql's
 * runs, and compares its results with the reference's (run once, untimed). Every statement has a timeout of
 * TIMEOUT_S seconds; an xsql or Calcite statement still running {@link #GRACE_SECONDS} later is left behind
 * (the harness ends what it left running in the databases).
 *
 * <p>xsql's runs print {@link Measurement}s, the first one first; the rest prints {@link #PREFIX} lines:
 * {@code planning MS}, {@code plan LINE}, {@code reference-first MS}, {@code reference MS}, {@code check
 * right}, {@code check WRONG WHAT}, {@code check unchecked WHY} and {@code failed WHAT}; Calcite's runs
 * print {@link Measurement}s too, and the {@link TpchPeerResult} kinds.
 */
public final class TpchBench {
  static final String PREFIX = "XSQL-BENCH-TPCH ";
  /** Times each query is explained, after its runs; the median is its planning time. */
  static final int EXPLAINS = 3;
  /** How long past its timeout a statement may run before the child gives up waiting for it. */
  static final int GRACE_SECONDS = 15;
  /** The longest difference a WRONG line carries (the comparison lists up to 20 rows of each kind). */
  private static final int MAX_DIFFERENCE = 4000;

  private TpchBench() {}

  /** The first argument that makes a JVM plain Calcite's, the peer's, instead of xsql's. */
  static final String PEER = "calcite";

  public static void main(String[] args) throws Exception {
    boolean peer = args[0].equals(PEER);
    String[] a = peer ? Arrays.copyOfRange(args, 1, args.length) : args;
    TpchQuery query = TpchQueries.get(Integer.parseInt(a[0]));
    Path dir = Path.of(a[2]);
    TpchConnections data = TpchConnections.named(a[1], dir);
    int runs = Integer.parseInt(a[3]);
    int timeout = Integer.parseInt(a[4]);
    long slowMillis = Long.parseLong(a[5]);
    if (peer) {
      peer(dir, query, runs, timeout, slowMillis, reference(data, query, 0, timeout, slowMillis));
    } else {
      List<TpchResult> actual = new ArrayList<>();
      try {
        Connection x = planningEveryRun(data);
        if (!xsql(x, query, runs, timeout, slowMillis, actual)) {
          // The stuck statement still holds its connection, which is left as it is (closing it could block).
          x = planningEveryRun(data);
        }
        // Also after a failed run: planning time is a figure of its own, and says where a timeout was.
        explain(x, query, timeout);
      } catch (SQLException e) {
        line("failed", "xsql: " + describe(e, timeout));
      }
      check("check", query, reference(data, query, runs, timeout, slowMillis), actual);
    }
    System.out.flush();
    // A statement that did not stop at its timeout leaves a thread behind; everything is measured and printed.
    System.exit(0);
  }

  /**
   * An xsql connection that keeps no plans: every run and every EXPLAIN plans the query anew, as
   * PostgreSQL does for the same text, so that the times compare and the planning column is planning.
   */
  private static Connection planningEveryRun(TpchConnections data) throws SQLException {
    return DriverManager.getConnection(data.url() + ";planCache=0");
  }

  /** What an engine does with each completed run: {@code index} 0 is the first. */
  private interface RunSink {
    void accept(int index, TpchResult result, double millis);
  }

  /** xsql's runs: each prints a {@link Measurement}, the first one first. */
  private static boolean xsql(Connection x, TpchQuery query, int runs, int timeout, long slowMillis,
      List<TpchResult> out) {
    return timedRuns("xsql", "failed", x, query.sql(), runs, timeout, slowMillis, measured(out));
  }

  /** Prints each run as a {@link Measurement} and keeps its result. */
  private static RunSink measured(List<TpchResult> out) {
    return (i, result, ms) -> {
      System.out.println(new Measurement(result.rows().size(), ms, 0, Measurement.jvmPeakHeapMb(),
          Measurement.processPeakRssMb()).toLine());
      out.add(result);
    };
  }

  /**
   * The first run, then the timed runs; stops at the first failure, printed as a {@code failKind} line
   * naming {@code engine}. Each run waits for its statement at most {@link #GRACE_SECONDS} past the timeout;
   * false if one was still running then.
   */
  private static boolean timedRuns(String engine, String failKind, Connection c, String sql, int runs,
      int timeout, long slowMillis, RunSink sink) {
    ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "tpch-" + engine);
      t.setDaemon(true);
      return t;
    });
    try {
      int total = 1 + runs;
      for (int r = 0; r < total; r++) {
        String which = r == 0 ? engine : engine + " run " + (r + 1);
        long t = System.nanoTime();
        Future<TpchResult> running = worker.submit(() -> run(c, sql, timeout));
        TpchResult result;
        try {
          result = running.get(timeout + GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          line(failKind, which + ": timed out after " + timeout + " s, and the statement had not stopped "
              + GRACE_SECONDS + " s later");
          return false;
        } catch (ExecutionException e) {
          line(failKind, which + ": " + (e.getCause() instanceof SQLException q ? describe(q, timeout)
              : String.valueOf(e.getCause())));
          return true;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          line(failKind, which + ": interrupted");
          return true;
        }
        double ms = (System.nanoTime() - t) / 1e6;
        sink.accept(r, result, ms);
        // A slow first run gets one timed run after it; a slow timed run is the last.
        if (ms > slowMillis) {
          total = Math.min(total, r == 0 ? 2 : r + 1);
        }
      }
      return true;
    } finally {
      worker.shutdown();
    }
  }

  /**
   * Plain Calcite over the same sources ({@link TpchCalciteModel}), timed as xsql is; its first result is
   * compared with the reference's.
   */
  private static void peer(Path dir, TpchQuery query, int runs, int timeout, long slowMillis,
      Optional<TpchResult> expected) {
    List<TpchResult> results = new ArrayList<>();
    try {
      Connection c = TpchCalciteModel.connect(dir);
      timedRuns("calcite", TpchPeerResult.FAILED, c, query.sql(), runs, timeout, slowMillis, measured(results));
    } catch (SQLException | RuntimeException e) {
      line(TpchPeerResult.FAILED, "calcite: " + (e instanceof SQLException q ? describe(q, timeout)
          : String.valueOf(e)));
    }
    check(TpchPeerResult.CHECK, query, expected, results);
  }

  /** Times {@code EXPLAIN PLAN FOR} (the JVM warm from the runs) and prints the last plan. */
  private static void explain(Connection x, TpchQuery query, int timeout) {
    List<String> plan = new ArrayList<>();
    for (int i = 0; i < EXPLAINS; i++) {
      plan.clear();
      long t = System.nanoTime();
      try (Statement s = x.createStatement()) {
        s.setQueryTimeout(timeout);
        try (ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + query.sql())) {
          while (rs.next()) {
            plan.add(rs.getString(1));
          }
        }
      } catch (SQLException e) {
        line("failed", "EXPLAIN: " + describe(e, timeout));
        return;
      }
      line("planning", String.format(Locale.ROOT, "%.3f", (System.nanoTime() - t) / 1e6));
    }
    String.join("\n", plan).lines().forEach(l -> line("plan", l));
  }

  /** The reference's result (of its untimed first run), after timing it; empty if it failed. */
  private static Optional<TpchResult> reference(TpchConnections data, TpchQuery query, int runs, int timeout,
      long slowMillis) {
    long t = System.nanoTime();
    try (Connection c = data.connectReference()) {
      // Untimed: reads the tables into PostgreSQL's and the system's caches, and loads the driver's classes.
      TpchResult first = run(c, query.referenceSql(), timeout);
      double ms = (System.nanoTime() - t) / 1e6;
      line("reference-first", String.format(Locale.ROOT, "%.3f", ms));
      int total = ms > slowMillis ? Math.min(1, runs) : runs;
      for (int r = 0; r < total; r++) {
        t = System.nanoTime();
        run(c, query.referenceSql(), timeout);
        ms = (System.nanoTime() - t) / 1e6;
        line("reference", String.format(Locale.ROOT, "%.3f", ms));
        if (ms > slowMillis) {
          break;
        }
      }
      return Optional.of(first);
    } catch (SQLException e) {
      // pgjdbc carries out a timeout by cancelling the statement, which PostgreSQL reports as a cancel.
      boolean timedOut = "57014".equals(e.getSQLState()) && System.nanoTime() - t >= timeout * 1_000_000_000L;
      line("failed", "PostgreSQL: " + (timedOut ? "timed out after " + timeout + " s" : describe(e, timeout)));
      return Optional.empty();
    }
  }

  /** Compares every xsql result with the reference's: one wrong run makes the query WRONG. */
  private static void check(String kind, TpchQuery query, Optional<TpchResult> expected, List<TpchResult> actual) {
    if (actual.isEmpty()) {
      return;
    }
    if (expected.isEmpty()) {
      line(kind, "unchecked: the reference query failed");
      return;
    }
    for (int i = 0; i < actual.size(); i++) {
      Optional<String> d = TpchComparison.difference(query, expected.get(), actual.get(i));
      if (d.isPresent()) {
        String text = (i == 0 ? "first run: " : "run " + (i + 1) + ": ") + d.get().replaceAll("\\s*\n\\s*", " / ");
        line(kind, "WRONG " + (text.length() > MAX_DIFFERENCE ? text.substring(0, MAX_DIFFERENCE) + " ..."
            : text));
        return;
      }
    }
    line(kind, "right");
  }

  private static TpchResult run(Connection c, String sql, int timeout) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout(timeout);
      try (ResultSet rs = s.executeQuery(sql)) {
        return TpchResult.read(rs);
      }
    }
  }

  /** A failure on one line: a timeout as such, anything else with its SQLState. */
  private static String describe(SQLException e, int timeout) {
    if (e instanceof SQLTimeoutException || "HYT00".equals(e.getSQLState())) {
      return "timed out after " + timeout + " s";
    }
    String message = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
    return "SQLState " + e.getSQLState() + ": " + (message.length() > 300 ? message.substring(0, 300) + " ..."
        : message);
  }

  private static void line(String kind, String text) {
    System.out.println(PREFIX + kind + " " + text);
  }
}
