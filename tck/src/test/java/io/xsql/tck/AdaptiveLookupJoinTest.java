package io.xsql.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unhinted lookup joins from a file into PostgreSQL, with and without the switch to a scan of the table
 * (forced by {@code lookupSwitchKeys=50}), checked against the same joins inside PostgreSQL: inner, left with
 * a condition besides the keys, semi and anti, over NULL and repeated keys on both sides.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class AdaptiveLookupJoinTest {
  private static final String DATABASE = "xsql_adaptive_lookup";
  private static final int OUTER_ROWS = 600;
  private static final List<String> JOINS = List.of(
      "SELECT w.n, w.id, i.v FROM wanted w JOIN %s i ON i.id = w.id",
      "SELECT w.n, i.v FROM wanted w LEFT JOIN %s i ON i.id = w.id AND i.n > w.lim",
      "SELECT w.n FROM wanted w WHERE EXISTS (SELECT 1 FROM %s i WHERE i.id = w.id)",
      "SELECT w.n FROM wanted w WHERE NOT EXISTS (SELECT 1 FROM %s i WHERE i.id = w.id AND i.n > w.lim)");

  @TempDir
  static Path dir;
  private Path catalog;

  @BeforeAll
  void load() throws Exception {
    TestDatabase.POSTGRES.create(DATABASE);
    Random random = new Random(20261207);
    StringBuilder file = new StringBuilder();
    try (Connection c = TestDatabase.POSTGRES.connect(DATABASE); Statement s = c.createStatement()) {
      // Every id twice, some rows without one; an index that is not unique leads with it.
      s.execute("CREATE TABLE items (id int, n int, v text)");
      s.execute("INSERT INTO items SELECT g % 10000 + 1, g / 10000, 'v' || g FROM generate_series(0, 19999) g");
      s.execute("INSERT INTO items SELECT NULL, 1, 'null' || g FROM generate_series(1, 50) g");
      s.execute("CREATE INDEX items_id ON items (id)");
      s.execute("ANALYZE items");
      s.execute("CREATE TABLE wanted (id int, n int, lim int)");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO wanted VALUES (?, ?, ?)")) {
        for (int n = 0; n < OUTER_ROWS; n++) {
          // Ids past the table's find nothing; NULLs and repeats occur too.
          Integer id = random.nextInt(30) == 0 ? null : 1 + random.nextInt(n % 3 == 0 ? 200 : 12_000);
          int lim = random.nextInt(3);
          ps.setObject(1, id);
          ps.setInt(2, n);
          ps.setInt(3, lim);
          ps.addBatch();
          file.append("{\"id\": ").append(id).append(", \"n\": ").append(n).append(", \"lim\": ").append(lim)
              .append("}\n");
        }
        ps.executeBatch();
      }
    }
    Files.writeString(dir.resolve("wanted.jsonl"), file);
    catalog = dir.resolve("catalog.yaml");
    Files.writeString(catalog, "sources:\n"
        + "  pg: " + TestDatabase.POSTGRES.catalogEntry(DATABASE, "pool: { max_size: 2 }") + "\n"
        + "  wanted: { type: jsonl, path: wanted.jsonl, columns: { id: integer, n: integer, lim: integer } }\n");
  }

  @AfterAll
  void drop() throws Exception {
    TestDatabase.POSTGRES.drop(DATABASE);
  }

  @Test
  void sameRowsAsPostgresWhetherOrNotTheJoinSwitches() throws Exception {
    try (Connection pg = TestDatabase.POSTGRES.connect(DATABASE); Connection planned = connect("");
        Connection switching = connect(";lookupSwitchKeys=50")) {
      for (String join : JOINS) {
        List<String> expected = sorted(Rows.of(pg, String.format(join, "items")));
        String sql = String.format(join, "pg.items");
        assertThat(String.join("\n", Rows.of(planned, "EXPLAIN PLAN FOR " + sql))).as(sql)
            .contains("strategy=[LOOKUP]", "adaptive=[scan after 100000 keys]");
        assertThat(String.join("\n", Rows.of(switching, "EXPLAIN PLAN FOR " + sql))).as(sql)
            .contains("strategy=[LOOKUP]", "batch=[50]", "adaptive=[scan after 50 keys]");
        Result unswitched = run(planned, sql);
        Result switched = run(switching, sql);
        assertThat(unswitched.rows()).as(sql).isEqualTo(expected);
        assertThat(unswitched.warnings()).as(sql).noneMatch(w -> w.startsWith("adaptive join"));
        assertThat(switched.rows()).as(sql).isEqualTo(expected);
        assertThat(switched.warnings()).as(sql).anyMatch(w -> w.startsWith("adaptive join: the lookup join into"
            + " pg.items looked up ") && w.endsWith("remaining outer rows hashed)"));
      }
    }
  }

  @Test
  void switchedJoinsClosedEarlyGiveTheirConnectionsBack() throws Exception {
    String sql = String.format(JOINS.get(0), "pg.items");
    try (Connection x = connect(";lookupSwitchKeys=50")) {
      for (int i = 0; i < 5; i++) {
        try (Statement s = x.createStatement(); ResultSet rs = s.executeQuery(sql)) {
          assertThat(rs.next()).isTrue();
        }
      }
      // The pool holds two connections: any a closed result kept would leave this query waiting, then failing.
      try (Connection pg = TestDatabase.POSTGRES.connect(DATABASE)) {
        assertThat(sorted(Rows.of(x, sql))).isEqualTo(sorted(Rows.of(pg, String.format(JOINS.get(0), "items"))));
      }
    }
  }

  /** A query's rows, sorted, and the warnings its result set had once read. */
  private record Result(List<String> rows, List<String> warnings) {}

  private static Result run(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> rows = sorted(Rows.of(rs));
      List<String> warnings = new ArrayList<>();
      for (SQLWarning w = rs.getWarnings(); w != null; w = w.getNextWarning()) {
        warnings.add(w.getMessage());
      }
      return new Result(rows, warnings);
    }
  }

  private Connection connect(String settings) throws Exception {
    return DriverManager.getConnection("jdbc:xsql:catalog=" + catalog + settings);
  }

  private static List<String> sorted(List<String> rows) {
    return rows.stream().sorted().toList();
  }
}
