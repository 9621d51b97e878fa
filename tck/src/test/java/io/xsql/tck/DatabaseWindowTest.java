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
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Window functions over a database table: the database sorts (its SELECT gets the ORDER BY) and xsql's
 * streaming window holds a few rows, not the table. Rows are compared with the same query run by the
 * database itself, NULL keys included (MariaDB puts NULLs first by default; the window wants them last).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class DatabaseWindowTest {
  private static final String DATABASE = "xsql_window_test";
  private static final List<String> QUERIES = List.of(
      "SELECT k, t, v, SUM(v) OVER (PARTITION BY k ORDER BY %t ROWS UNBOUNDED PRECEDING),"
          + " ROW_NUMBER() OVER (PARTITION BY k ORDER BY %t), LAG(v) OVER (PARTITION BY k ORDER BY %t) FROM w",
      "SELECT k, t, RANK() OVER (PARTITION BY k ORDER BY d), COUNT(*) OVER (PARTITION BY k ORDER BY d),"
          + " MAX(v) OVER (PARTITION BY k) FROM w");

  @TempDir
  static Path dir;

  @BeforeAll
  void load() throws Exception {
    for (TestDatabase db : TestDatabase.values()) {
      db.create(DATABASE);
      try (Connection c = db.connect(DATABASE); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE w (k int, t int, d int, v int)");
        StringBuilder insert = new StringBuilder("INSERT INTO w VALUES ");
        for (int i = 0; i < 600; i++) {
          // k: 0..49 and NULL; t unique within k, NULL once per k; d with ties; v with NULLs.
          String k = i % 51 == 50 ? "NULL" : Integer.toString(i % 51);
          String t = i / 51 == 3 ? "NULL" : Integer.toString(i / 51);
          String v = i % 7 == 0 ? "NULL" : Integer.toString(i % 13);
          insert.append(i == 0 ? "" : ",").append('(').append(k).append(',').append(t).append(',')
              .append(i % 3).append(',').append(v).append(')');
        }
        s.execute(insert.toString());
      }
    }
  }

  @AfterAll
  void drop() throws Exception {
    for (TestDatabase db : TestDatabase.values()) {
      db.drop(DATABASE);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void theDatabaseSortsAndTheWindowStreamsWithTheDatabasesOwnRows(TestDatabase db) throws Exception {
    Path catalog = dir.resolve(db + ".yaml");
    Files.writeString(catalog, "sources:\n  db: " + db.catalogEntry(DATABASE, "") + "\n");
    try (Connection x = DriverManager.getConnection("jdbc:xsql:catalog=" + catalog);
        Connection direct = db.connect(DATABASE)) {
      for (String q : QUERIES) {
        String xsql = q.replace("%t", "t").replace("FROM w", "FROM db.w");
        String plan = String.join("\n", Rows.of(x, "EXPLAIN PLAN FOR " + xsql));
        assertThat(plan).as(q).contains("XsqlStreamingWindow").contains("JdbcSort").doesNotContain("EnumerableWindow");
        // xsql orders NULLs last; MariaDB first unless told.
        String own = q.replace("%t", db == TestDatabase.MARIADB ? "t IS NULL, t" : "t");
        assertThat(Rows.of(x, xsql)).as(db + ": " + q).containsExactlyInAnyOrderElementsOf(Rows.of(direct, own));
      }
    }
  }
}
