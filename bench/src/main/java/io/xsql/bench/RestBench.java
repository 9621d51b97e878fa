package io.xsql.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The child side of the REST section. {@code RestBench CASE RUNS URL KEYS} runs a {@link RestCase} RUNS times in
 * one JVM against the API at URL, printing after each run a {@link Measurement} and the requests the API
 * counted during it ({@link #REQUESTS}); then runs it once more, printing the rows' count and sorted checksum
 * and xsql's plan, as {@link MongoBench} does. A query that fails prints xsql's error ({@link #ERROR}) and the
 * plan. KEYS is the lookup's JSON Lines file.
 */
public final class RestBench {
  static final String REQUESTS = "XSQL-BENCH-REQUESTS ";
  /** The line a child prints when its query fails, with xsql's message, before its plan. */
  static final String ERROR = "XSQL-BENCH-ERROR ";

  /**
   * The requests the API answered during one run.
   *
   * @param count requests
   * @param maxInFlight the most in flight at once
   */
  record Requests(long count, int maxInFlight) {
    /** Reads a child's line; empty if the line is something else. */
    static Optional<Requests> parse(String line) {
      if (!line.startsWith(REQUESTS)) {
        return Optional.empty();
      }
      String[] p = line.substring(REQUESTS.length()).trim().split(" ");
      return Optional.of(new Requests(Long.parseLong(p[0]), Integer.parseInt(p[1])));
    }

    String toLine() {
      return String.format(Locale.ROOT, "%s%d %d", REQUESTS, count, maxInFlight);
    }
  }

  private RestBench() {}

  public static void main(String[] args) throws Exception {
    RestCase query = RestCase.valueOf(args[0]);
    int runs = Integer.parseInt(args[1]);
    HttpClient http = HttpClient.newHttpClient();
    URI stats = URI.create(args[2] + RestServedApi.STATS);
    Path catalog = Files.createTempFile("xsql-restbench", ".yaml");
    catalog.toFile().deleteOnExit();
    Files.writeString(catalog, RestCase.catalog(args[2], Path.of(args[3]).toAbsolutePath().toString()));
    try (Connection connection = DriverManager.getConnection("jdbc:xsql:catalog=" + catalog)) {
      try {
        measure(connection, query, runs, http, stats);
      } catch (SQLException e) {
        // The plan says why, and the report shows both.
        System.out.println(ERROR + e.getSQLState() + " " + e.getMessage().replaceAll("\\s+", " "));
        plan(connection, query.sql).forEach(line -> System.out.println(MongoBench.PLAN + line));
        System.exit(1);
      }
    }
  }

  /** The timed runs, then the checking run and the plan. */
  private static void measure(Connection connection, RestCase query, int runs, HttpClient http, URI stats)
      throws SQLException, IOException, InterruptedException {
    for (int r = 0; r < runs; r++) {
      long before = stats(http, stats).count();
      long t = System.nanoTime();
      long rows = read(connection, query.sql, Optional.empty());
      double ms = (System.nanoTime() - t) / 1e6;
      Requests after = stats(http, stats);
      System.out.println(new Measurement(rows, ms, 0, Measurement.jvmPeakHeapMb(),
          Measurement.processPeakRssMb()).toLine());
      System.out.println(new Requests(after.count() - before, after.maxInFlight()).toLine());
    }
    List<String> rows = new ArrayList<>();
    read(connection, query.sql, Optional.of(rows));
    System.out.println(MongoBench.ROWS + rows.size() + " " + MongoBench.checksum(rows));
    plan(connection, query.sql).forEach(line -> System.out.println(MongoBench.PLAN + line));
  }

  /** The API's count so far; starts a new maximum of requests in flight. */
  private static Requests stats(HttpClient http, URI stats) throws IOException, InterruptedException {
    String[] p = http.send(HttpRequest.newBuilder(stats).build(), HttpResponse.BodyHandlers.ofString()).body()
        .split(" ");
    return new Requests(Long.parseLong(p[0]), Integer.parseInt(p[1]));
  }

  /** Runs the query, reading every value; the rows it returned, each also added to {@code into} if given. */
  private static long read(Connection connection, String sql, Optional<List<String>> into) throws SQLException {
    long n = 0;
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringJoiner row = new StringJoiner("|");
        for (int i = 1; i <= columns; i++) {
          row.add(String.valueOf(rs.getObject(i)));
        }
        into.ifPresent(list -> list.add(row.toString()));
        n++;
      }
    }
    return n;
  }

  /** xsql's plan, or why there is none: the runs are measured already. */
  private static List<String> plan(Connection connection, String sql) {
    List<String> plan = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      while (rs.next()) {
        plan.addAll(rs.getString(1).lines().toList());
      }
      return plan;
    } catch (SQLException e) {
      return List.of("EXPLAIN failed: " + e.getMessage().replaceAll("\\s+", " "));
    }
  }
}
