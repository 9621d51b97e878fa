package io.xsql.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The child side of the harness: runs queries in this JVM and prints a {@link Measurement} per run.
 * {@code QueryRunner ENGINE DATA_DIR RUNS Q...}: one connection, each query RUNS times in a row (the first
 * run of a fresh JVM is the cold one; the harness times cold runs from outside, start-up included).
 */
public final class QueryRunner {
  private QueryRunner() {}

  /** Runs a query once, reading every column of every row as a client would. */
  static long run(Connection c, BenchQuery query) throws SQLException {
    long rows = 0;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query.sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          rs.getObject(i);
        }
        rows++;
      }
    }
    return rows;
  }

  public static void main(String[] args) throws SQLException {
    BenchEngine engine = BenchEngine.named(args[0]);
    Path data = Path.of(args[1]);
    int runs = Integer.parseInt(args[2]);
    long start = System.nanoTime();
    try (Connection c = engine.open(data)) {
      double load = engine.imports() ? (System.nanoTime() - start) / 1e6 : 0;
      for (int a = 3; a < args.length; a++) {
        BenchQuery query = BenchQuery.valueOf(args[a]);
        for (int r = 0; r < runs; r++) {
          long t = System.nanoTime();
          long rows = run(c, query);
          double ms = (System.nanoTime() - t) / 1e6;
          System.out.println(new Measurement(rows, ms, load, Measurement.jvmPeakHeapMb(),
              Measurement.processPeakRssMb()).toLine());
        }
      }
    }
  }
}
