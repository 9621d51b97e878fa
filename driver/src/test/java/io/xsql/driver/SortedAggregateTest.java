package io.xsql.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GROUP BY over a file declared sorted on the group keys streams its groups ({@code EnumerableSortedAggregate}),
 * over one sorted on some of them runs per run of those ({@code XsqlSegmented}), and returns what the hash
 * aggregate returns over the same file undeclared.
 */
final class SortedAggregateTest {
  @TempDir
  Path dir;

  @Test
  void groupsOverDeclaredOrderStreamAndMatchTheHashAggregate() throws SQLException {
    StringBuilder rows = new StringBuilder();
    Random random = new Random(7);
    for (int k = 0; k <= 295; k++) {
      for (int t = 0; t < 1 + random.nextInt(4); t++) {
        String v = random.nextInt(6) == 0 ? "" : Integer.toString(random.nextInt(100) - 20);
        rows.append(k == 295 ? "" : Integer.toString(k)).append(',').append(t).append(',').append(v).append('\n');
      }
    }
    // Keys ascending, then NULL keys (empty): the declared order, ascending with NULLs last.
    Fixtures.write(dir.resolve("s.csv"), "k,t,v\n" + rows);
    Path catalog = Fixtures.write(dir.resolve("c.yaml"), "sources:\n"
        + "  sorted: { type: csv, path: s.csv, columns: { k: INTEGER, t: INTEGER, v: INTEGER },"
        + " sorted_by: [k, t] }\n"
        + "  plain: { type: csv, path: s.csv, columns: { k: INTEGER, t: INTEGER, v: INTEGER } }\n");
    List<String> queries = List.of(
        "SELECT k, COUNT(*), COUNT(v), SUM(v), MIN(v), MAX(v), AVG(v) FROM %s GROUP BY k",
        "SELECT t, k, SUM(v) FROM %s GROUP BY t, k",
        "SELECT k, SUM(v) FROM %s WHERE t > 0 GROUP BY k HAVING COUNT(*) > 1",
        "SELECT k, COUNT(*) FILTER (WHERE v > 10), SUM(v) FILTER (WHERE t > 1) FROM %s GROUP BY k");
    try (Connection c = Fixtures.connect(catalog)) {
      for (String q : queries) {
        String plan = String.join("\n", Fixtures.rows(c, "EXPLAIN PLAN FOR " + q.formatted("sorted")));
        assertThat(plan).as(q).contains("EnumerableSortedAggregate").doesNotContain("EnumerableSort(");
        assertThat(Fixtures.rows(c, q.formatted("sorted"))).as(q)
            .containsExactlyInAnyOrderElementsOf(Fixtures.rows(c, q.formatted("plain")));
      }
      // COUNT(DISTINCT) is a GROUP BY k, v below a GROUP BY k: the lower one runs per k, the upper streams.
      List<String> perRun = List.of(
          "SELECT k, COUNT(DISTINCT v), SUM(v), COUNT(*) FILTER (WHERE v > 10) FROM %s GROUP BY k",
          "SELECT k, COUNT(DISTINCT v) FROM %s GROUP BY k",
          "SELECT k, v, COUNT(*) FROM %s GROUP BY k, v",
          "SELECT k, t, SUM(v), GROUPING(t) FROM %s GROUP BY GROUPING SETS ((k, t), (k))");
      for (String q : perRun) {
        String plan = String.join("\n", Fixtures.rows(c, "EXPLAIN PLAN FOR " + q.formatted("sorted")));
        assertThat(plan).as(q).contains("XsqlSegmented(runs=[[k]]").doesNotContain("EnumerableSort(");
        assertThat(Fixtures.rows(c, q.formatted("sorted"))).as(q)
            .containsExactlyInAnyOrderElementsOf(Fixtures.rows(c, q.formatted("plain")));
      }
      // Groups come out in key order: ORDER BY on the keys needs no sort.
      String ordered = "SELECT k, COUNT(*) FILTER (WHERE v > 10), SUM(v) FROM %s GROUP BY k ORDER BY k";
      assertThat(String.join("\n", Fixtures.rows(c, "EXPLAIN PLAN FOR " + ordered.formatted("sorted"))))
          .contains("EnumerableSortedAggregate").doesNotContain("EnumerableSort(");
      assertThat(Fixtures.rows(c, ordered.formatted("sorted")))
          .containsExactlyElementsOf(Fixtures.rows(c, ordered.formatted("plain")));
      // Not led by the group key: hashed.
      assertThat(String.join("\n", Fixtures.rows(c, "EXPLAIN PLAN FOR SELECT t, COUNT(*) FROM sorted GROUP BY t")))
          .doesNotContain("SortedAggregate");
    }
  }

  @Test
  void aMergeJoinsOutputIsOrderedOnItsKeysForTheAggregateAbove() throws SQLException {
    StringBuilder a = new StringBuilder("k,x\n");
    StringBuilder b = new StringBuilder("k,y\n");
    for (int k = 0; k < 300; k++) {
      a.append(k).append(',').append(k % 7).append('\n').append(k).append(',').append(k % 5).append('\n');
      if (k % 3 != 0) {
        b.append(k).append(',').append(k % 11).append('\n');
      }
    }
    Fixtures.write(dir.resolve("a.csv"), a.toString());
    Fixtures.write(dir.resolve("b.csv"), b.toString());
    Path catalog = Fixtures.write(dir.resolve("j.yaml"), "sources:\n"
        + "  a: { type: csv, path: a.csv, columns: { k: INTEGER, x: INTEGER }, sorted_by: [k] }\n"
        + "  b: { type: csv, path: b.csv, columns: { k: INTEGER, y: INTEGER }, sorted_by: [k] }\n"
        + "  pa: { type: csv, path: a.csv, columns: { k: INTEGER, x: INTEGER } }\n"
        + "  pb: { type: csv, path: b.csv, columns: { k: INTEGER, y: INTEGER } }\n");
    String q = "SELECT /*+ MERGE_JOIN(b) */ a.k, COUNT(*), SUM(a.x + b.y) FROM a JOIN b ON a.k = b.k GROUP BY a.k";
    try (Connection c = Fixtures.connect(catalog)) {
      String plan = String.join("\n", Fixtures.rows(c, "EXPLAIN PLAN FOR " + q));
      assertThat(plan).contains("strategy=[MERGE]").contains("EnumerableSortedAggregate");
      assertThat(Fixtures.rows(c, q)).containsExactlyInAnyOrderElementsOf(Fixtures.rows(c,
          "SELECT a.k, COUNT(*), SUM(a.x + b.y) FROM pa a JOIN pb b ON a.k = b.k GROUP BY a.k"));
    }
  }

  @Test
  void aFileOutOfItsDeclaredOrderFailsRatherThanSplittingAGroup() {
    Fixtures.write(dir.resolve("u.csv"), "k,v\n1,1\n2,2\n1,3\n");
    Path catalog = Fixtures.write(dir.resolve("u.yaml"), "sources:\n"
        + "  u: { type: csv, path: u.csv, columns: { k: INTEGER, v: INTEGER }, sorted_by: [k] }\n");
    assertThatThrownBy(() -> {
      try (Connection c = Fixtures.connect(catalog)) {
        Fixtures.rows(c, "SELECT k, SUM(v) FROM u GROUP BY k");
      }
    }).isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22000"));
  }
}
