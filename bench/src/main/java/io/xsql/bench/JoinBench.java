package io.xsql.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The child side of the join-strategy benchmark. {@code JoinBench CASE RUNS EXPLAIN TARGET...} runs a
 * {@link JoinQuery} RUNS times in one JVM, printing a {@link Measurement} per run, then with EXPLAIN
 * {@code true} prints the strategy xsql's plan shows. TARGET is the data folder for Q1, or the keys file,
 * the PostgreSQL URL and table for the lookup.
 */
public final class JoinBench {
  private static final String PREFIX = "XSQL-BENCH-STRATEGY ";
  private static final Pattern STRATEGY = Pattern.compile("strategy=\\[(\\w+)]");
  private static final Pattern CALCITE_JOIN = Pattern.compile("Enumerable(\\w*)Join");

  private JoinBench() {}

  public static void main(String[] args) throws SQLException, IOException {
    JoinQuery query = JoinQuery.valueOf(args[0]);
    int runs = Integer.parseInt(args[1]);
    boolean explain = Boolean.parseBoolean(args[2]);
    String table = query.part == JoinQuery.Part.LOOKUP ? "pg." + args[5] : "";
    String sql = query.sql(table);
    try (Connection c = query.part == JoinQuery.Part.Q1 ? new XsqlEngine().open(Path.of(args[3]))
        : lookup(Path.of(args[3]), args[4])) {
      for (int r = 0; r < runs; r++) {
        long t = System.nanoTime();
        long rows = DbBench.run(c, sql);
        double ms = (System.nanoTime() - t) / 1e6;
        System.out.println(new Measurement(rows, ms, 0, Measurement.jvmPeakHeapMb(),
            Measurement.processPeakRssMb()).toLine());
      }
      if (explain) {
        System.out.println(PREFIX + explain(c, sql));
      }
    }
  }

  /** The strategy a child printed, if it printed one. */
  static Optional<String> strategy(List<String> lines) {
    return lines.stream().filter(l -> l.startsWith(PREFIX)).map(l -> l.substring(PREFIX.length())).findFirst();
  }

  /**
   * The strategy of the first join in a plan: xsql's operators show {@code strategy=[...]}, Calcite's
   * joins are named by their class ({@code EnumerableHashJoin} is HASH).
   */
  static String strategyOf(String plan) {
    Matcher m = STRATEGY.matcher(plan);
    if (m.find()) {
      return m.group(1);
    }
    m = CALCITE_JOIN.matcher(plan);
    return m.find() ? m.group(1).equals("Hash") ? "HASH" : "Calcite " + m.group(0) : "no join in the plan";
  }

  private static String explain(Connection c, String sql) {
    StringBuilder plan = new StringBuilder();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      while (rs.next()) {
        plan.append(rs.getString(1)).append('\n');
      }
    } catch (SQLException e) {
      // The runs are measured already; the report says the plan could not be shown.
      return "EXPLAIN failed: " + e.getMessage().replaceAll("\\s+", " ");
    }
    return strategyOf(plan.toString());
  }

  /** xsql over the keys file and the PostgreSQL database. */
  private static Connection lookup(Path keys, String url) throws SQLException, IOException {
    Path catalog = Files.createTempFile("xsql-joinbench", ".yaml");
    catalog.toFile().deleteOnExit();
    Files.writeString(catalog, "sources:\n  keys: { type: jsonl, path: \"" + keys.toAbsolutePath() + "\" }\n"
        + "  pg: { type: postgres, url: \"" + url + "\", fetch_size: " + DbBench.FETCH_SIZE + " }\n");
    return DriverManager.getConnection("jdbc:xsql:catalog=" + catalog);
  }
}
