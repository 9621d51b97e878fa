package io.xsql.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * The child side of the harness: runs queries in this JVM and prints a {@link Measurement} per run.
 * {@code QueryRunner ENGINE DATA_DIR RUNS Q...}: one connection, each query RUNS times in a row (the first
 * run of a fresh JVM is the cold one; the harness times cold runs from outside, start-up included).
 * {@code QueryRunner ENGINE DATA_DIR RUNS --explain Q}: plans the query alone, once and then RUNS times
 * more, and prints a {@link ColdPlanning}.
 */
public final class QueryRunner {
  private QueryRunner() {}

  /** Runs a query once, reading every column of every row as a client would. */
  static long run(Connection c, BenchQuery query) throws SQLException {
    return timed(c, query).rows();
  }

  /** A run's rows, and its time to {@code executeQuery}'s return and from there to the last row. */
  private record Timed(long rows, long executeNanos, long readNanos) {}

  private static Timed timed(Connection c, BenchQuery query) throws SQLException {
    long rows = 0;
    long start = System.nanoTime();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query.sql)) {
      long executed = System.nanoTime();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          rs.getObject(i);
        }
        rows++;
      }
      return new Timed(rows, executed - start, System.nanoTime() - executed);
    }
  }

  public static void main(String[] args) throws SQLException {
    double startup = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    BenchEngine engine = BenchEngine.named(args[0]);
    Path data = Path.of(args[1]);
    int runs = Integer.parseInt(args[2]);
    long start = System.nanoTime();
    try (Connection c = engine.open(data)) {
      if (args.length > 4 && args[3].equals("--explain")) {
        explain(c, engine, BenchQuery.valueOf(args[4]), runs);
        return;
      }
      double connect = (System.nanoTime() - start) / 1e6;
      double load = engine.imports() ? connect : 0;
      for (int a = 3; a < args.length; a++) {
        BenchQuery query = BenchQuery.valueOf(args[a]);
        for (int r = 0; r < runs; r++) {
          Timed t = timed(c, query);
          double ms = (t.executeNanos() + t.readNanos()) / 1e6;
          System.out.println(new Measurement(t.rows(), ms, load, Measurement.jvmPeakHeapMb(),
              Measurement.processPeakRssMb()).toLine());
          System.out.println(new ColdPhases(startup, connect, t.executeNanos() / 1e6, t.readNanos() / 1e6,
              ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount(),
              ManagementFactory.getCompilationMXBean().getTotalCompilationTime()).toLine());
        }
      }
    }
  }

  /** Plans the query once, then {@code runs} times more, each under a text not planned before. */
  private static void explain(Connection c, BenchEngine engine, BenchQuery query, int runs) throws SQLException {
    double first = explained(c, engine.explain(query.sql));
    double[] again = new double[runs];
    for (int r = 0; r < runs; r++) {
      // A comment makes the text new, so that no engine answers from a plan it kept for the same text.
      again[r] = explained(c, engine.explain(query.sql) + "\n-- again " + r);
    }
    System.out.println(new ColdPlanning(first, Figures.median(Arrays.stream(again))).toLine());
  }

  private static double explained(Connection c, String sql) throws SQLException {
    long start = System.nanoTime();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rs.getString(1);
      }
    }
    return (System.nanoTime() - start) / 1e6;
  }
}
