package io.xsql.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GROUP BY that a join matches against a few keys of a file (a correlated subquery's, decorrelated)
 * groups only those keys: PostgreSQL is asked for the lines of those parts, not for a GROUP BY of all
 * parts. Rows are compared with the same queries inside PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class SemiJoinReductionTest {
  private static final String DATABASE = "xsql_semi_join_reduction";
  private static final int PARTS = 2_000;
  private static final int LINES = 200_000;
  /** TPC-H Q17's shape: lines whose quantity is below half their part's average, for some brands' parts. */
  private static final String BELOW_AVERAGE = "SELECT SUM(l.price) FROM parts p JOIN pg.lines l ON l.part = p.id"
      + " WHERE p.brand %s AND l.qty < (SELECT 0.5 * AVG(l2.qty) FROM pg.lines l2 WHERE l2.part = p.id)";
  /**
   * The same question for PostgreSQL, which runs a correlated subquery once per row (minutes here, as for
   * TPC-H Q17): the averages as a grouped derived table.
   */
  private static final String BELOW_AVERAGE_REFERENCE = "SELECT SUM(l.price) FROM parts p JOIN lines l ON l.part = p.id"
      + " JOIN (SELECT part, 0.5 * AVG(qty) AS q FROM lines GROUP BY part) a ON a.part = p.id"
      + " WHERE p.brand %s AND l.qty < a.q";

  @TempDir
  static Path dir;
  private Path catalog;

  @BeforeAll
  void load() throws Exception {
    TestDatabase.POSTGRES.create(DATABASE);
    StringBuilder parts = new StringBuilder("id,brand\n");
    for (int i = 0; i < PARTS; i++) {
      parts.append(i).append(',').append(brand(i)).append('\n');
    }
    Files.writeString(dir.resolve("parts.csv"), parts);
    try (Connection c = TestDatabase.POSTGRES.connect(DATABASE); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE lines (part int, qty int, price int)");
      s.execute("INSERT INTO lines SELECT g % " + PARTS + ", (g / " + PARTS + ") % 50, g FROM generate_series(1, "
          + LINES + ") g");
      s.execute("CREATE TABLE parts (id int, brand text)");
      s.execute("INSERT INTO parts SELECT g, 'b' || (g % 100) FROM generate_series(0, " + (PARTS - 1) + ") g");
      s.execute("ANALYZE");
    }
    catalog = dir.resolve("catalog.yaml");
    Files.writeString(catalog, "sources:\n  pg: " + TestDatabase.POSTGRES.catalogEntry(DATABASE, "") + "\n"
        + "  parts: { type: csv, path: parts.csv, columns: { id: integer, brand: varchar } }\n");
  }

  /** A hundred brands of 20 parts each, so that the file's sample tells that a brand keeps a hundredth. */
  private static String brand(int part) {
    return "b" + part % 100;
  }

  @AfterAll
  void drop() throws SQLException {
    TestDatabase.POSTGRES.drop(DATABASE);
  }

  @Test
  void theAveragesOfAFewPartsAreComputedFromTheirLinesOnly() throws Exception {
    String sql = String.format(BELOW_AVERAGE, "= 'b7'");
    try (Connection x = connect()) {
      assertThat(Rows.of(x, sql)).isEqualTo(reference(String.format(BELOW_AVERAGE_REFERENCE, "= 'b7'")))
          .singleElement().isNotEqualTo("null");
      // Both reads of lines ask for the 20 parts' lines; no GROUP BY of all parts goes to PostgreSQL.
      String plan = plan(x, sql);
      assertThat(plan.split("= ANY\\(\\?\\)", -1)).as(plan).hasSize(3);
      assertThat(plan).doesNotContain("JdbcAggregate");
    }
  }

  @Test
  void aGroupByOnTheRightOfALeftJoinIsReducedToTheKeysOnItsLeft() throws Exception {
    String sql = "SELECT p.id, a.n, a.total FROM parts p LEFT JOIN (SELECT part, COUNT(*) AS n, SUM(qty) AS total"
        + " FROM pg.lines WHERE price > 1000 GROUP BY part) a ON a.part = p.id WHERE p.brand = 'b7' ORDER BY p.id";
    try (Connection x = connect()) {
      List<String> rows = Rows.of(x, sql);
      assertThat(rows).isEqualTo(reference(sql)).hasSize(PARTS / 100);
      assertThat(plan(x, sql)).contains("= ANY(?)").doesNotContain("JdbcAggregate");
    }
  }

  @Test
  void aReadKeepingMostKeysLeavesTheGroupByWhole() throws Exception {
    // 99 parts in 100: no smaller than the GROUP BY, which PostgreSQL computes for all parts.
    String sql = String.format(BELOW_AVERAGE, "<> 'b0'");
    try (Connection x = connect()) {
      assertThat(Rows.of(x, sql)).isEqualTo(reference(String.format(BELOW_AVERAGE_REFERENCE, "<> 'b0'")))
          .singleElement().isNotEqualTo("null");
      assertThat(plan(x, sql)).contains("JdbcAggregate");
    }
  }

  private List<String> reference(String sql) throws SQLException {
    try (Connection pg = TestDatabase.POSTGRES.connect(DATABASE)) {
      return Rows.of(pg, sql.replace("pg.", ""));
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:xsql:catalog=" + catalog);
  }

  private static String plan(Connection c, String sql) throws SQLException {
    return String.join("\n", Rows.of(c, "EXPLAIN PLAN FOR " + sql));
  }
}
