package io.xsql.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;

/**
 * The child side of the sorted-input section. {@code SortedBench CASE RUNS FILE} runs a {@link SortedCase}
 * RUNS times in one JVM over the CSV file FILE, printing after each run a {@link Measurement} and the time
 * to its first row ({@link #FIRST}), then the rows' count and an order-independent checksum
 * ({@link MongoBench#ROWS}); then, for the cases that stream, the time to the first row of runs that read
 * only it, after {@link #WARMING} untimed ones ({@link #WARM_FIRST}); and, for xsql, the plan. A query that fails prints its error ({@link #ERROR}).
 */
public final class SortedBench {
  static final String FIRST = "XSQL-BENCH-FIRST ";
  static final String ERROR = "XSQL-BENCH-ERROR ";
  /** The time to the first row in a JVM that has planned the query many times (its JIT warm). */
  static final String WARM_FIRST = "XSQL-BENCH-WARMFIRST ";
  /** First rows read, untimed, before the warm ones are timed. */
  static final int WARMING = 50;
  static final int WARM_TIMED = 5;

  private SortedBench() {}

  public static void main(String[] args) throws Exception {
    SortedCase c = SortedCase.valueOf(args[0]);
    int runs = Integer.parseInt(args[1]);
    String file = Path.of(args[2]).toAbsolutePath().toString();
    try (Connection connection = open(c, file)) {
      long checksum = 0;
      for (int r = 0; r < runs; r++) {
        long[] rowsAndSum = new long[2];
        double[] first = new double[1];
        long t = System.nanoTime();
        read(connection, c.sql(), t, rowsAndSum, first);
        double ms = (System.nanoTime() - t) / 1e6;
        System.out.println(new Measurement(rowsAndSum[0], ms, 0, Measurement.jvmPeakHeapMb(),
            Measurement.processPeakRssMb()).toLine());
        System.out.println(String.format(Locale.ROOT, "%s%.3f", FIRST, first[0]));
        checksum = rowsAndSum[1];
        if (r == runs - 1) {
          System.out.println(MongoBench.ROWS + rowsAndSum[0] + " " + Long.toHexString(checksum));
        }
      }
      for (int r = 0; c.streams() && r < WARMING + WARM_TIMED; r++) {
        double ms = firstRow(connection, c.sql());
        if (r >= WARMING) {
          System.out.println(String.format(Locale.ROOT, "%s%.3f", WARM_FIRST, ms));
        }
      }
      if (c.xsql()) {
        try (Statement s = connection.createStatement();
            ResultSet plan = s.executeQuery("EXPLAIN PLAN FOR " + c.sql())) {
          while (plan.next()) {
            plan.getString(1).lines().forEach(line -> System.out.println(MongoBench.PLAN + line));
          }
        }
      }
    } catch (SQLException | OutOfMemoryError e) {
      System.out.println(ERROR + Optional.ofNullable(e.getMessage()).orElse(e.getClass().getName())
          .replaceAll("\\s+", " "));
      System.exit(1);
    }
  }

  private static Connection open(SortedCase c, String file) throws Exception {
    if (c.xsql()) {
      Path catalog = Files.createTempFile("xsql-sortedbench", ".yaml");
      catalog.toFile().deleteOnExit();
      Files.writeString(catalog, SortedCase.catalog(file));
      return DriverManager.getConnection("jdbc:xsql:catalog=" + catalog);
    }
    Connection duck = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = duck.createStatement()) {
      s.execute("CREATE VIEW s AS SELECT * FROM read_csv('" + file + "', header = true,"
          + " columns = {'k': 'INTEGER', 't': 'INTEGER', 'v': 'INTEGER'})");
    }
    return duck;
  }

  /** The time from {@code executeQuery} to the first row; the rest is not read. */
  private static double firstRow(Connection connection, String sql) throws SQLException {
    long t = System.nanoTime();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return (System.nanoTime() - t) / 1e6;
    }
  }

  /**
   * Reads every value of every row as text; counts the rows and sums a hash of each row's text, so that
   * engines returning the same rows in any order give the same sum.
   */
  private static void read(Connection connection, String sql, long start, long[] rowsAndSum, double[] first)
      throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        if (rowsAndSum[0] == 0) {
          first[0] = (System.nanoTime() - start) / 1e6;
        }
        long h = 1125899906842597L;
        for (int i = 1; i <= columns; i++) {
          String v = rs.getString(i);
          h = 31 * h + (v == null ? 0 : v.hashCode());
        }
        rowsAndSum[0]++;
        rowsAndSum[1] += h * 0x9E3779B97F4A7C15L;
      }
    }
  }
}
