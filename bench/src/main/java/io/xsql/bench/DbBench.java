package io.xsql.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * xsql reading a large PostgreSQL table against PostgreSQL's JDBC driver reading it directly.
 * {@code DbBench ENGINE URL TABLE RUNS Q...} (ENGINE {@code jdbc} or {@code xsql}) runs each query RUNS
 * times in one JVM and prints a {@link Measurement} per run. Both read every column of every row; the
 * direct side streams the way xsql does (autocommit off, fetch size 1000), so the ratio is xsql's cost.
 */
public final class DbBench {
  static final int FETCH_SIZE = 1000;

  private DbBench() {}

  /** The table holding {@code rows} rows, created (with statistics) unless it exists. */
  static String prepare(String url, long rows) throws SQLException {
    String table = "xsql_bench_" + rows;
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_class WHERE relname = '" + table + "'")) {
        rs.next();
        if (rs.getInt(1) == 1) {
          return table;
        }
      }
      s.execute("CREATE TABLE " + table + "_loading (id bigint PRIMARY KEY, category int NOT NULL, "
          + "amount double precision, title text, created timestamp)");
      s.execute(String.format(Locale.ROOT, "INSERT INTO %s_loading SELECT g, g %% 100, (g %% 10007) * 0.25, "
          + "'item ' || g, timestamp '2020-01-01' + g * interval '1 second' FROM generate_series(1, %d) g",
          table, rows));
      s.execute("ANALYZE " + table + "_loading");
      // Renamed when complete, so that an interrupted load is never taken for a finished one.
      s.execute("ALTER TABLE " + table + "_loading RENAME TO " + table);
    }
    return table;
  }

  public static void main(String[] args) throws SQLException, IOException {
    String engine = args[0];
    String url = args[1];
    String table = args[2];
    int runs = Integer.parseInt(args[3]);
    try (Connection c = connect(engine, url)) {
      for (int a = 4; a < args.length; a++) {
        DbQuery query = DbQuery.valueOf(args[a]);
        String sql = query.sql(engine.equals("xsql") ? "pg." + table : table);
        for (int r = 0; r < runs; r++) {
          long t = System.nanoTime();
          long rows = run(c, sql);
          double ms = (System.nanoTime() - t) / 1e6;
          System.out.println(new Measurement(rows, ms, 0, Measurement.jvmPeakHeapMb(),
              Measurement.processPeakRssMb()).toLine());
        }
      }
    }
  }

  private static Connection connect(String engine, String url) throws SQLException, IOException {
    if (engine.equals("jdbc")) {
      Connection c = DriverManager.getConnection(url);
      c.setAutoCommit(false);
      return c;
    }
    Path catalog = Files.createTempFile("xsql-dbbench", ".yaml");
    catalog.toFile().deleteOnExit();
    Files.writeString(catalog, "sources:\n  pg: { type: postgres, url: \"" + url + "\", fetch_size: "
        + FETCH_SIZE + " }\n");
    return DriverManager.getConnection("jdbc:xsql:catalog=" + catalog);
  }

  /** Runs a query once, reading every column of every row as a client would. */
  static long run(Connection c, String sql) throws SQLException {
    long rows = 0;
    try (Statement s = c.createStatement()) {
      s.setFetchSize(FETCH_SIZE);
      try (ResultSet rs = s.executeQuery(sql)) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int i = 1; i <= columns; i++) {
            rs.getObject(i);
          }
          rows++;
        }
      }
    }
    if (!c.getAutoCommit()) {
      c.rollback();
    }
    return rows;
  }
}
