package io.xsql.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Subqueries across sources, with SQL's NULL rules: a PostgreSQL table and a JSON Lines file, both with
 * NULLs and repeated values, queried through xsql and compared with PostgreSQL holding both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class SubqueryTest {
  private static final String DATABASE = "xsql_subqueries";

  @TempDir
  static Path dir;
  private Path catalog;

  @BeforeAll
  void load() throws Exception {
    TestDatabase.POSTGRES.create(DATABASE);
    StringBuilder file = new StringBuilder();
    try (Connection c = TestDatabase.POSTGRES.connect(DATABASE); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE a (id int PRIMARY KEY, x int, g int)");
      s.execute("INSERT INTO a SELECT i, CASE WHEN i % 9 = 0 THEN NULL ELSE i % 12 END, i % 4 "
          + "FROM generate_series(1, 60) i");
      s.execute("CREATE TABLE b (id int, x int, g int)");
      for (int i = 1; i <= 40; i++) {
        String x = i % 13 == 0 ? "null" : Integer.toString(i % 8);
        file.append("{\"id\": ").append(i).append(", \"x\": ").append(x).append(", \"g\": ").append(i % 5)
            .append("}\n");
        s.execute("INSERT INTO b VALUES (" + i + ", " + x + ", " + i % 5 + ")");
      }
      // A copy of b without NULLs, for NOT IN that can be true.
      s.execute("CREATE TABLE b_set AS SELECT * FROM b WHERE x IS NOT NULL");
      s.execute("ANALYZE");
    }
    Files.writeString(dir.resolve("b.jsonl"), file);
    catalog = dir.resolve("catalog.yaml");
    Files.writeString(catalog, "sources:\n"
        + "  pg: " + TestDatabase.POSTGRES.catalogEntry(DATABASE, "") + "\n"
        + "  b: { type: jsonl, path: b.jsonl, columns: { id: integer, x: integer, g: integer } }\n");
  }

  @AfterAll
  void drop() throws Exception {
    TestDatabase.POSTGRES.drop(DATABASE);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // NOT IN over a set holding a NULL: never true.
      "SELECT a.id FROM pg.a a WHERE a.x NOT IN (SELECT b.x FROM b)",
      // NOT IN over a set without NULLs: true for values not in it, unknown for a NULL a.x.
      "SELECT a.id FROM pg.a a WHERE a.x NOT IN (SELECT b.x FROM b WHERE b.x IS NOT NULL)",
      "SELECT a.id FROM pg.a a WHERE a.x NOT IN (SELECT x FROM pg.b_set)",
      "SELECT a.id, a.x FROM pg.a a WHERE a.x IN (SELECT b.x FROM b WHERE b.g = a.g)",
      "SELECT a.id FROM pg.a a WHERE EXISTS (SELECT 1 FROM b WHERE b.x = a.x AND b.id > a.id)",
      "SELECT a.id FROM pg.a a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.x = a.x AND b.g <> a.g)",
      // A scalar subquery that finds no row is NULL.
      "SELECT a.id, (SELECT max(b.id) FROM b WHERE b.x = a.x AND b.g = 99) FROM pg.a a",
      "SELECT a.id, (SELECT count(*) FROM b WHERE b.x = a.x) FROM pg.a a",
      "SELECT a.id FROM pg.a a WHERE a.x > (SELECT avg(b.x) FROM b WHERE b.g = a.g)",
      "SELECT a.g, count(*) FROM pg.a a WHERE a.id IN (SELECT b.id FROM b WHERE b.x IS NULL) OR a.x = 3 GROUP BY a.g",
      // EXISTS over tables of one database, whose columns have the same names: PostgreSQL's own semi-join.
      "SELECT a.id FROM pg.a a WHERE EXISTS (SELECT 1 FROM pg.b b WHERE b.x = a.x AND b.id > a.id)",
      "SELECT a.id FROM pg.a a WHERE NOT EXISTS (SELECT 1 FROM pg.b b WHERE b.x = a.x AND b.g <> a.g)",
      "SELECT a.g, count(*) FROM pg.a a WHERE EXISTS (SELECT 1 FROM pg.b b WHERE b.id = a.id AND b.x < a.g) "
          + "GROUP BY a.g",
      "SELECT a.id FROM pg.a a WHERE EXISTS (SELECT 1 FROM pg.b b WHERE b.x = a.x) "
          + "AND NOT EXISTS (SELECT 1 FROM pg.b_set c WHERE c.g = a.g AND c.id > a.id)",
      // The same with a file among the joins: the semi-join goes under the join, on a.
      "SELECT a.id, b.g FROM pg.a a JOIN b ON b.id = a.id WHERE NOT EXISTS "
          + "(SELECT 1 FROM pg.b_set c WHERE c.x = a.x AND c.id <> a.id)"})
  void matchesPostgres(String sql) throws Exception {
    try (Connection x = DriverManager.getConnection("jdbc:xsql:catalog=" + catalog);
        Connection pg = TestDatabase.POSTGRES.connect(DATABASE)) {
      List<String> expected = Rows.of(pg, sql.replace("pg.", "")).stream()
          .sorted().toList();
      List<String> actual = Rows.of(x, sql).stream().sorted().toList();
      assertThat(actual).isEqualTo(expected);
      String plan = String.join("\n", Rows.of(x, "EXPLAIN PLAN FOR " + sql));
      // Decorrelated: no per-row re-execution of the subquery.
      assertThat(plan).doesNotContain("Correlate");
    }
  }
}
