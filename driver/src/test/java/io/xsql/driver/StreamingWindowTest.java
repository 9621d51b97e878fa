package io.xsql.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Window functions over a file declared sorted on (partition, order) keys run in one pass
 * ({@code XsqlStreamingWindow}, no sort) and give what H2 gives over the same rows: NULL partition keys,
 * ties in the order key, one-row partitions, NULL values, and partitions that span two files.
 */
final class StreamingWindowTest {
  /** Window clauses over (k, t, id): t has ties, id breaks them, k has NULLs (last, as the file is sorted). */
  private static final String W = "PARTITION BY k ORDER BY t, id";
  private static final String PEERS = "PARTITION BY k ORDER BY t";

  private static final List<String> QUERIES = List.of(
      "SELECT k, t, id, ROW_NUMBER() OVER (" + W + "), RANK() OVER (" + PEERS + "), DENSE_RANK() OVER (" + PEERS
          + ") FROM %s",
      "SELECT k, id, LAG(v) OVER (" + W + "), LAG(v, 2, -1) OVER (" + W + "), LEAD(v) OVER (" + W
          + "), LEAD(v, 3, 0) OVER (" + W + "), LAG(v, 0) OVER (" + W + ") FROM %s",
      "SELECT k, id, SUM(v) OVER (" + W + " ROWS UNBOUNDED PRECEDING), COUNT(v) OVER (" + W
          + " ROWS UNBOUNDED PRECEDING), COUNT(*) OVER (" + W + " ROWS UNBOUNDED PRECEDING), MIN(v) OVER (" + W
          + " ROWS UNBOUNDED PRECEDING), MAX(v) OVER (" + W + " ROWS UNBOUNDED PRECEDING) FROM %s",
      "SELECT k, id, SUM(v) OVER (" + PEERS + "), COUNT(*) OVER (" + PEERS + "), MIN(v) OVER (" + PEERS
          + "), MAX(id) OVER (" + PEERS + "), LAST_VALUE(t) OVER (" + PEERS + "), FIRST_VALUE(v) OVER (" + PEERS
          + ") FROM %s",
      "SELECT k, id, SUM(v) OVER (" + W + " ROWS 2 PRECEDING), MIN(v) OVER (" + W + " ROWS 2 PRECEDING), MAX(v)"
          + " OVER (" + W + " ROWS BETWEEN 1 PRECEDING AND CURRENT ROW), COUNT(v) OVER (" + W
          + " ROWS 3 PRECEDING), FIRST_VALUE(v) OVER (" + W + " ROWS 2 PRECEDING), SUM(v) OVER (" + W
          + " ROWS BETWEEN CURRENT ROW AND CURRENT ROW), LAST_VALUE(v) OVER (" + W + " ROWS 2 PRECEDING) FROM %s",
      "SELECT k, id, SUM(v) OVER (PARTITION BY k), COUNT(*) OVER (" + W + " ROWS BETWEEN UNBOUNDED PRECEDING AND"
          + " UNBOUNDED FOLLOWING), LAST_VALUE(v) OVER (" + W + " ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED"
          + " FOLLOWING), NTILE(3) OVER (" + W + "), NTILE(1) OVER (" + W + ") FROM %s",
      "SELECT k, id, ROW_NUMBER() OVER (ORDER BY k NULLS LAST, t, id), SUM(v) OVER (ORDER BY k NULLS LAST, t, id"
          + " ROWS 1 PRECEDING) FROM %s",
      "SELECT k, id, v, SUM(v) OVER (" + W + " ROWS UNBOUNDED PRECEDING) FROM %s WHERE v > 5",
      "SELECT k, SUM(v) OVER (" + W + " ROWS UNBOUNDED PRECEDING) FROM %s WHERE id < 0");

  @TempDir
  Path dir;
  private Connection xsql;
  private Connection h2;

  @BeforeEach
  void load() throws SQLException {
    List<int[]> rows = rows();
    StringBuilder first = new StringBuilder("k,t,id,v\n");
    StringBuilder second = new StringBuilder("k,t,id,v\n");
    for (int i = 0; i < rows.size(); i++) {
      int[] r = rows.get(i);
      // The split falls inside a partition: the second file goes on with the first one's last key.
      (i < rows.size() / 2 ? first : second).append(r[0] < 0 ? "" : Integer.toString(r[0])).append(',')
          .append(r[1]).append(',').append(r[2]).append(',').append(r[3] < 0 ? "" : Integer.toString(r[3]))
          .append('\n');
    }
    Fixtures.write(dir.resolve("w-1.csv"), first.toString());
    Fixtures.write(dir.resolve("w-2.csv"), second.toString());
    Path catalog = Fixtures.write(dir.resolve("c.yaml"), "sources:\n"
        + "  sorted: { type: csv, path: 'w-*.csv', columns: { k: INTEGER, t: INTEGER, id: INTEGER, v: INTEGER },"
        + " sorted_by: [k, t, id] }\n");
    xsql = Fixtures.connect(catalog);
    h2 = DriverManager.getConnection("jdbc:h2:mem:;DATABASE_TO_UPPER=FALSE");
    try (Statement s = h2.createStatement()) {
      s.execute("CREATE TABLE sorted (k INT, t INT, id INT, v INT)");
    }
    try (PreparedStatement insert = h2.prepareStatement("INSERT INTO sorted VALUES (?, ?, ?, ?)")) {
      for (int[] r : rows) {
        for (int c = 0; c < 4; c++) {
          insert.setObject(c + 1, r[c] < 0 && c != 1 && c != 2 ? null : r[c]);
        }
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  @AfterEach
  void close() throws SQLException {
    xsql.close();
    h2.close();
  }

  /** (k, t, id, v) sorted on (k, t, id), k NULL (-1) last; v from -1 (NULL) to 30; partitions of 1 to 12. */
  private static List<int[]> rows() {
    Random random = new Random(11);
    List<int[]> rows = new ArrayList<>();
    int id = 0;
    for (int k = 0; k <= 40; k++) {
      int t = 0;
      for (int n = 1 + random.nextInt(k % 5 == 0 ? 1 : 12); n > 0; n--) {
        t += random.nextInt(3) == 0 ? 1 : 0;
        rows.add(new int[] {k == 40 ? -1 : k, t, id++, random.nextInt(8) == 0 ? -1 : random.nextInt(31)});
      }
    }
    return rows;
  }

  @Test
  void windowsOverDeclaredOrderStreamAndMatchH2() throws SQLException {
    for (String q : QUERIES) {
      String plan = String.join("\n", Fixtures.rows(xsql, "EXPLAIN PLAN FOR " + q.formatted("sorted")));
      assertThat(plan).as(q).contains("XsqlStreamingWindow").doesNotContain("EnumerableWindow")
          .doesNotContain("EnumerableSort").contains("sortedBy=[[k, t");
      assertThat(Fixtures.rows(xsql, q.formatted("sorted"))).as(q)
          .containsExactlyInAnyOrderElementsOf(Fixtures.rows(h2, q.formatted("sorted")));
    }
  }

  @Test
  void withoutTheOrderTheWindowIsCalcitesAndStillRight() throws SQLException {
    String q = "SELECT t, id, SUM(v) OVER (PARTITION BY t ORDER BY id ROWS UNBOUNDED PRECEDING) FROM sorted";
    assertThat(String.join("\n", Fixtures.rows(xsql, "EXPLAIN PLAN FOR " + q))).contains("EnumerableWindow")
        .doesNotContain("XsqlStreamingWindow").doesNotContain("XsqlSegmented");
    assertThat(Fixtures.rows(xsql, q)).containsExactlyInAnyOrderElementsOf(Fixtures.rows(h2, q));
    // Calcite's window operator puts its rows in window order: the source's order is not kept for ORDER BY.
    String ordered = "SELECT k, t, id, RANK() OVER (ORDER BY v NULLS LAST) FROM sorted ORDER BY k NULLS LAST, t, id";
    assertThat(Fixtures.rows(xsql, ordered)).containsExactlyElementsOf(Fixtures.rows(h2, ordered));
  }

  @Test
  void windowsOverPartitionsTheInputIsSortedOnRunPerPartition() throws SQLException {
    List<String> queries = List.of(
        "SELECT k, id, SUM(v) OVER (PARTITION BY k ORDER BY v NULLS LAST, id ROWS UNBOUNDED PRECEDING) FROM sorted",
        "SELECT k, id, COUNT(*) OVER (PARTITION BY k ORDER BY t RANGE BETWEEN 1 PRECEDING AND CURRENT ROW),"
            + " SUM(v) OVER (PARTITION BY k ORDER BY t, id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM sorted",
        "SELECT k, id, RANK() OVER (PARTITION BY k, v ORDER BY id) FROM sorted");
    for (String q : queries) {
      assertThat(String.join("\n", Fixtures.rows(xsql, "EXPLAIN PLAN FOR " + q))).as(q)
          .contains("XsqlSegmented(runs=[[k]], each=[EnumerableWindow");
      assertThat(Fixtures.rows(xsql, q)).as(q).containsExactlyInAnyOrderElementsOf(Fixtures.rows(h2, q));
    }
  }

  @Test
  void rowsComeOutInTheInputsOrderWithOrderBy() throws SQLException {
    String q = "SELECT k, id, ROW_NUMBER() OVER (" + W + ") FROM sorted ORDER BY k NULLS LAST, t, id";
    assertThat(String.join("\n", Fixtures.rows(xsql, "EXPLAIN PLAN FOR " + q))).doesNotContain("EnumerableSort");
    assertThat(Fixtures.rows(xsql, q)).containsExactlyElementsOf(Fixtures.rows(h2, q));
  }

  @Test
  void aFileOutOfItsDeclaredOrderFailsRatherThanSplittingAPartition() {
    Fixtures.write(dir.resolve("u.csv"), "k,t,v\n1,1,1\n2,1,2\n1,2,3\n");
    Path catalog = Fixtures.write(dir.resolve("u.yaml"), "sources:\n"
        + "  u: { type: csv, path: u.csv, columns: { k: INTEGER, t: INTEGER, v: INTEGER }, sorted_by: [k, t] }\n");
    assertThatThrownBy(() -> {
      try (Connection c = Fixtures.connect(catalog)) {
        Fixtures.rows(c, "SELECT k, SUM(v) OVER (PARTITION BY k ORDER BY t) FROM u");
      }
    }).isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22000"));
  }
}
