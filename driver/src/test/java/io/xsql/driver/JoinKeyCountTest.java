package io.xsql.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GROUP BY over a join one side of which gives only its join keys counts that side per key first (in the
 * file scan, when the file is declared sorted on the key), and returns what H2 returns for the same rows,
 * and what xsql returns over the same files undeclared.
 */
final class JoinKeyCountTest {
  @TempDir
  Path dir;
  private Connection xsql;
  private Connection h2;

  @BeforeEach
  void load() throws SQLException {
    // a: one row per key k, group g (NULL at times), x exact in binary, n INTEGER and d DECIMAL (NULL at times).
    StringBuilder a = new StringBuilder("k,g,x,n,d\n");
    StringBuilder h2a = new StringBuilder();
    for (int k = 1; k <= 400; k++) {
      String g = k % 13 == 0 ? "" : Integer.toString(k % 7);
      String n = k % 5 == 0 ? "" : Integer.toString(k % 9);
      String d = k % 6 == 0 ? "" : (k % 10) + "." + (k % 3) + "5";
      a.append(k).append(',').append(g).append(',').append((k % 8) * 0.25).append(',').append(n).append(',')
          .append(d).append('\n');
      h2a.append(h2a.length() == 0 ? "" : ",").append('(').append(k).append(',').append(g.isEmpty() ? "NULL" : g)
          .append(',').append((k % 8) * 0.25).append(',').append(n.isEmpty() ? "NULL" : n).append(',')
          .append(d.isEmpty() ? "NULL" : d).append(')');
    }
    // b: 0 to 3 rows per key, keys past a's too, then rows without a key (NULLs last, the declared order).
    StringBuilder b = new StringBuilder("k,y\n");
    StringBuilder h2b = new StringBuilder();
    for (int k = 1; k <= 460; k++) {
      for (int r = 0; r < k % 4; r++) {
        b.append(k).append(',').append(r).append('\n');
        h2b.append(h2b.length() == 0 ? "" : ",").append('(').append(k).append(',').append(r).append(')');
      }
    }
    for (int r = 0; r < 3; r++) {
      b.append(",").append(r).append('\n');
      h2b.append(",(NULL,").append(r).append(')');
    }
    Fixtures.write(dir.resolve("a.csv"), a.toString());
    Fixtures.write(dir.resolve("b.csv"), b.toString());
    String columnsA = "columns: { k: INTEGER, g: INTEGER, x: DOUBLE, n: INTEGER, d: 'DECIMAL(6,2)' }";
    String columnsB = "columns: { k: INTEGER, y: INTEGER }";
    Path catalog = Fixtures.write(dir.resolve("c.yaml"), "sources:\n"
        + "  a: { type: csv, path: a.csv, " + columnsA + ", sorted_by: [k] }\n"
        + "  b: { type: csv, path: b.csv, " + columnsB + ", sorted_by: [k] }\n"
        + "  pa: { type: csv, path: a.csv, " + columnsA + " }\n"
        + "  pb: { type: csv, path: b.csv, " + columnsB + " }\n");
    xsql = Fixtures.connect(catalog);
    h2 = DriverManager.getConnection("jdbc:h2:mem:;DATABASE_TO_UPPER=FALSE");
    try (Statement s = h2.createStatement()) {
      s.execute("CREATE TABLE a (k INT, g INT, x DOUBLE, n INT, d DECIMAL(6,2))");
      s.execute("INSERT INTO a VALUES " + h2a);
      s.execute("CREATE TABLE b (k INT, y INT)");
      s.execute("INSERT INTO b VALUES " + h2b);
    }
  }

  @AfterEach
  void close() throws SQLException {
    xsql.close();
    h2.close();
  }

  private String plan(String sql) throws SQLException {
    return String.join("\n", Fixtures.rows(xsql, "EXPLAIN PLAN FOR " + sql));
  }

  @Test
  void countsTheKeyOnlySideInTheScanAndMatchesH2() throws SQLException {
    List<String> queries = List.of(
        "SELECT a.g, COUNT(*), SUM(a.n), COUNT(a.n), MIN(a.x), MAX(a.n) FROM a JOIN b ON a.k = b.k GROUP BY a.g",
        "SELECT a.g, COUNT(*), SUM(a.x) FROM b JOIN a ON b.k = a.k GROUP BY a.g",
        "SELECT COUNT(*), SUM(a.n), COUNT(a.n), MIN(a.n) FROM a JOIN b ON a.k = b.k",
        "SELECT a.g, COUNT(*) FROM a JOIN b ON a.k = b.k WHERE a.x > 1 GROUP BY a.g",
        "SELECT a.g, COUNT(*), SUM(a.n) FROM a JOIN b ON a.k = b.k WHERE a.g > 100 GROUP BY a.g",
        "SELECT COUNT(*), SUM(a.n) FROM a JOIN b ON a.k = b.k WHERE a.g > 100");
    for (String q : queries) {
      assertThat(plan(q)).as(q).contains("groupBy=[[k]], aggregates=[[COUNT(*)]]");
      assertThat(Fixtures.rows(xsql, q)).as(q).containsExactlyInAnyOrderElementsOf(Fixtures.rows(h2, q));
    }
  }

  @Test
  void keepsSqlTypesOfIntegerAndDecimalAggregates() throws SQLException {
    // AVG's type and precision are Calcite's, not H2's: the reference is xsql over the files undeclared,
    // joined on a condition besides the keys (true for these keys), which leaves the join uncounted.
    String q = "SELECT a.g, AVG(a.n), SUM(a.d), AVG(a.d), MIN(a.d), COUNT(a.d), AVG(a.x) FROM %s a JOIN %s b"
        + " ON a.k = b.k%s GROUP BY a.g";
    String counted = q.formatted("a", "b", "");
    String reference = q.formatted("pa", "pb", " AND a.k + b.k > 0");
    assertThat(plan(counted)).contains("groupBy=[[k]], aggregates=[[COUNT(*)]]");
    assertThat(plan(reference)).doesNotContain("cnt");
    assertThat(Fixtures.rows(xsql, counted)).containsExactlyInAnyOrderElementsOf(Fixtures.rows(xsql, reference));
    assertThat(types(counted)).isEqualTo(types(reference));
  }

  /** Each result column's type name, precision and scale. */
  private List<String> types(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = xsql.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        out.add(meta.getColumnTypeName(i) + "(" + meta.getPrecision(i) + "," + meta.getScale(i) + ")");
      }
    }
    return out;
  }

  @Test
  void leavesJoinsWhoseBothSidesAreReadAlone() throws SQLException {
    // b's y is aggregated: b is no key-only side. A LEFT join keeps a's unmatched rows once, not per count.
    for (String q : List.of("SELECT a.g, SUM(b.y), COUNT(*) FROM a JOIN b ON a.k = b.k GROUP BY a.g",
        "SELECT a.g, COUNT(*) FROM a LEFT JOIN b ON a.k = b.k GROUP BY a.g",
        "SELECT a.g, COUNT(DISTINCT a.n) FROM a JOIN b ON a.k = b.k GROUP BY a.g")) {
      assertThat(plan(q)).as(q).doesNotContain("aggregates=");
      assertThat(Fixtures.rows(xsql, q)).as(q).containsExactlyInAnyOrderElementsOf(Fixtures.rows(h2, q));
    }
  }
}
