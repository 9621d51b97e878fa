package io.xsql.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hash joins whose probe side is a PostgreSQL table receive the build side's keys as a filter when there
 * are few enough of them, and read the table whole otherwise; rows are compared with the same join inside
 * PostgreSQL, and what PostgreSQL read comes from its statistics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class DynamicFilterTest {
  private static final String DATABASE = "xsql_dynamic_filter";
  /** Distinct keys in the file: more than the filter takes (4 lookups of 4,096). */
  private static final int KEYS = 20_000;
  private static final int ROWS = 30_000;

  @TempDir
  static Path dir;
  private Path catalog;
  /** The pools {@link #reads} has made unusable so far. */
  private int pools;

  @AfterAll
  void dropDatabases() throws SQLException {
    TestDatabase.POSTGRES.drop(DATABASE);
  }

  @BeforeAll
  void load() throws Exception {
    TestDatabase.POSTGRES.create(DATABASE);
    List<Object[]> keys = new ArrayList<>();
    for (int i = 0; i < KEYS; i++) {
      // Odd keys up to 39,999: a quarter of them beyond the table's rows; one row in 150 flagged.
      keys.add(new Object[] {2 * i + 1, i % 150 == 0 ? "y" : "n"});
    }
    // A flagged key repeated, and flagged rows without a key, which match nothing.
    keys.add(new Object[] {301, "y"});
    keys.add(new Object[] {null, "y"});
    keys.add(new Object[] {null, "n"});
    StringBuilder file = new StringBuilder("k,flag\n");
    for (Object[] k : keys) {
      file.append(k[0] == null ? "" : k[0]).append(',').append(k[1]).append('\n');
    }
    Files.writeString(dir.resolve("keys.csv"), file);
    // The same keys, without the keyless rows, in descending order, which the catalog declares.
    StringBuilder descending = new StringBuilder("k,flag\n");
    keys.stream().filter(k -> k[0] != null).sorted((a, b) -> Integer.compare((Integer) b[0], (Integer) a[0]))
        .forEach(k -> descending.append(k[0]).append(',').append(k[1]).append('\n'));
    Files.writeString(dir.resolve("keys_desc.csv"), descending);
    // The keys with a tag: tags' own for a quarter of them, one that no row of tags has for the rest.
    StringBuilder tagged = new StringBuilder("k,tag\n");
    for (Object[] k : keys) {
      Integer key = (Integer) k[0];
      tagged.append(key == null ? "" : key).append(',')
          .append(key != null && key % 8 == 1 ? "tag" + key % 10 : "none").append('\n');
    }
    Files.writeString(dir.resolve("tagged.csv"), tagged);
    try (Connection c = TestDatabase.POSTGRES.connect(DATABASE); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE big (id int PRIMARY KEY, v text)");
      s.execute("INSERT INTO big SELECT g, 'v' || g FROM generate_series(1, " + ROWS + ") g");
      s.execute("CREATE TABLE keys (k int, flag text)");
      s.execute("INSERT INTO keys SELECT 2 * g + 1, CASE WHEN g % 150 = 0 THEN 'y' ELSE 'n' END"
          + " FROM generate_series(0, " + (KEYS - 1) + ") g");
      s.execute("INSERT INTO keys VALUES (301, 'y'), (NULL, 'y'), (NULL, 'n')");
      s.execute("CREATE TABLE tags (id int PRIMARY KEY, tag text)");
      s.execute("INSERT INTO tags SELECT g, 'tag' || (g % 10) FROM generate_series(1, " + ROWS + ") g");
      // Three rows a key, found through an index that is no key.
      s.execute("CREATE TABLE notes (k int, note text)");
      s.execute("INSERT INTO notes SELECT g / 3, 'n' || g FROM generate_series(3, " + (3 * ROWS + 2) + ") g");
      s.execute("CREATE INDEX notes_k ON notes (k)");
      s.execute("CREATE TABLE tagged (k int, tag text)");
      s.execute("INSERT INTO tagged SELECT k, CASE WHEN k % 8 = 1 THEN 'tag' || (k % 10) ELSE 'none' END FROM keys");
      // Five rows a key and no index: NOT EXISTS into it asks for its distinct keys, a GROUP BY.
      s.execute("CREATE TABLE visits (k int, at int)");
      s.execute("INSERT INTO visits SELECT g / 5, g FROM generate_series(5, " + (5 * ROWS + 4) + ") g");
      s.execute("ANALYZE");
    }
    writeCatalog();
  }

  /**
   * The catalog, with a pool setting of its own after every {@link #reads}: connections that {@code reads}
   * ended must not be lent again (a pool tests a connection before lending it only after half a second
   * idle), so each measured query opens a pool of its own.
   */
  private void writeCatalog() throws IOException {
    catalog = dir.resolve("catalog-" + pools + ".yaml");
    Files.writeString(catalog, "sources:\n"
        + "  pg: " + TestDatabase.POSTGRES.catalogEntry(DATABASE, "pool: { max_size: " + (2 + pools) + " }")
        + "\n  keys: { type: csv, path: keys.csv, columns: { k: integer, flag: varchar } }\n"
        + "  tagged: { type: csv, path: tagged.csv, columns: { k: integer, tag: varchar } }\n"
        + "  sorted: { type: csv, path: keys_desc.csv, sorted_by: [k desc],"
        + " columns: { k: integer, flag: varchar } }\n");
  }

  @Test
  void fewKeysGoToTheDatabaseAsAFilter() throws Exception {
    // The flag's selectivity is unknown to the planner (a guess of one half), so the keys side is not
    // estimated small enough for a lookup join: the hash join decides when it has read them (134 keys).
    for (String from : List.of("keys k JOIN pg.big b ON b.id = k.k", "pg.big b JOIN keys k ON k.k = b.id")) {
      String sql = "SELECT k.k, b.v FROM " + from + " WHERE k.flag <> 'n'";
      List<String> expected = reference(sql);
      assertThat(expected).hasSize(101);
      try (Connection x = connect()) {
        assertThat(plan(x, sql)).contains("dynamicFilter=[pg.big]").contains("= ANY(?)")
            .doesNotContain("strategy=[LOOKUP]");
      }
      assertThat(rowsReadRunning(sql, expected)).as("rows PostgreSQL read").isBetween(100L, 1_000L);
    }
  }

  @Test
  void manyKeysReadTheTableWhole() throws Exception {
    String sql = "SELECT k.k, b.v FROM keys k JOIN pg.big b ON b.id = k.k WHERE k.flag <> 'x'";
    List<String> expected = reference(sql);
    assertThat(expected).hasSize(15_001);
    try (Connection x = connect()) {
      assertThat(plan(x, sql)).contains("dynamicFilter=[pg.big]");
    }
    assertThat(rowsReadRunning(sql, expected)).as("rows PostgreSQL read").isGreaterThanOrEqualTo(ROWS);
  }

  @Test
  void aJoinInsideTheDatabaseGetsOneBatchOfKeysAtMost() throws Exception {
    // PostgreSQL runs the join of big and tags again for every batch: more than one batch of keys reads the
    // join whole instead, and no lookup join is chosen for 10,000 estimated keys.
    String sql = "SELECT k.k, b.v, t.tag, u.tag FROM keys k JOIN pg.big b ON b.id = k.k JOIN pg.tags t ON t.id = b.id "
        + "JOIN pg.tags u ON u.id = t.id + 1 WHERE k.flag <> 'x'";
    try (Connection x = connect()) {
      String plan = plan(x, sql);
      assertThat(plan).doesNotContain("strategy=[LOOKUP]").contains("dynamicFilter=[pg]")
          .contains("maxKeys=[100000]").contains("batch=[100000]");
      assertThat(sorted(Rows.of(x, sql))).isEqualTo(reference(sql));
      assertThat(plan).as("the three tables join in PostgreSQL").contains("JdbcJoin");
    }
  }

  @Test
  void compositeKeysIntoAJoinFilterByTheKeyThatKeepsFewestRows() throws Exception {
    // A join inside PostgreSQL cannot look up pairs of keys; each key alone filters it to a superset, and
    // the flagged keys (101 of 30,000 ids) keep far fewer rows than their tags (all 10 of 11).
    String sql = "SELECT k.k, g.tag, b.v FROM keys k JOIN tagged g ON g.k = k.k JOIN pg.big b ON b.id = k.k "
        + "JOIN pg.tags t ON t.id = b.id AND t.tag = g.tag WHERE k.flag <> 'n'";
    List<String> expected = reference(sql);
    assertThat(expected).hasSize(50);
    try (Connection x = connect()) {
      assertThat(plan(x, sql)).contains("dynamicFilter=[pg]").containsAnyOf("keys=[[[id], [tag]]]",
          "keys=[[[tag], [id]]]");
    }
    assertThat(rowsReadRunning(sql, expected)).as("rows PostgreSQL read").isBetween(100L, 1_000L);
  }

  @Test
  void aTableWithAnIndexOfTheKeysTakesSeveralStatements() throws Exception {
    // notes has no key, but an index leading with k: each statement finds its keys' rows through it, so the
    // filter takes four statements' worth of keys, where a table or join without one takes one.
    String sql = "SELECT k.k, n.note FROM keys k JOIN pg.notes n ON n.k = k.k WHERE k.flag <> 'n'";
    List<String> expected = reference(sql);
    assertThat(expected).hasSize(303);
    try (Connection x = connect()) {
      assertThat(plan(x, sql)).contains("dynamicFilter=[pg.notes]").contains("maxKeys=[400000]")
          .contains("batch=[100000]");
      assertThat(sorted(Rows.of(x, sql))).isEqualTo(expected);
      String withoutIndex = sql.replace("pg.notes n ON n.k", "pg.tagged n ON n.k").replace("n.note", "n.tag");
      assertThat(plan(x, withoutIndex)).contains("dynamicFilter=[pg.tagged]").contains("maxKeys=[100000]");
    }
  }

  @Test
  void aSemiJoinSendsItsKeysToo() throws Exception {
    String sql = "SELECT b.id, b.v FROM pg.big b WHERE b.id IN (SELECT k FROM keys WHERE flag <> 'n')";
    List<String> expected = reference(sql);
    // 101 flagged keys, one of them twice: each matching row of big comes once.
    assertThat(expected).hasSize(100);
    try (Connection x = connect()) {
      assertThat(plan(x, sql)).contains("dynamicFilter=[pg.big]").contains("joinType=[semi]");
    }
    assertThat(rowsReadRunning(sql, expected)).as("rows PostgreSQL read").isBetween(100L, 1_000L);
  }

  @Test
  void aSemiOrAntiJoinIntoALargerTableHashesItsLeftSideAndSendsItsKeys() throws Exception {
    // keys (estimated 10,000 rows of the flag's guess) is the smaller side: it is hashed, big is asked for
    // the 134 flagged keys, and the left rows whose keys were found (EXISTS) or not found (NOT EXISTS) come
    // out; the flagged row without a key has no match, so NOT EXISTS keeps it.
    for (String test : List.of("EXISTS", "NOT EXISTS")) {
      String sql = "SELECT k.k, k.flag FROM keys k WHERE k.flag <> 'n' AND " + test
          + " (SELECT 1 FROM pg.big b WHERE b.id = k.k)";
      List<String> expected = reference(sql);
      assertThat(expected).hasSize(test.equals("EXISTS") ? 101 : 35);
      try (Connection x = connect()) {
        assertThat(plan(x, sql)).contains("dynamicFilter=[pg.big]", "build=[left]",
            "joinType=[" + (test.equals("EXISTS") ? "semi" : "anti") + "]");
      }
      assertThat(rowsReadRunning(sql, expected)).as("rows PostgreSQL read").isBetween(100L, 1_000L);
    }
  }

  @Test
  void anAntiJoinWithMoreKeysThanTheFilterTakesReadsTheRightSideWhole() throws Exception {
    String sql = "SELECT k.k FROM keys k WHERE k.flag <> 'x' AND NOT EXISTS (SELECT 1 FROM pg.big b WHERE b.id = k.k)";
    List<String> expected = reference(sql);
    // The keys beyond big's 30,000 ids, and the two rows without a key.
    assertThat(expected).hasSize(5_002);
    try (Connection x = connect()) {
      assertThat(plan(x, sql)).contains("dynamicFilter=[pg.big]", "joinType=[anti]", "maxKeys=[16384]");
    }
    assertThat(rowsReadRunning(sql, expected)).as("rows PostgreSQL read").isGreaterThanOrEqualTo(ROWS);
  }

  @Test
  void distinctKeysOfAGroupByAreAskedForInOneStatement() throws Exception {
    // The GROUP BY makes visits unique on k, but PostgreSQL groups the whole table for each statement: the
    // filter takes one statement's worth of keys (100,000), not four of 4,096 as into a primary key.
    String sql = "SELECT k.k FROM keys k WHERE k.flag <> 'n'"
        + " AND NOT EXISTS (SELECT 1 FROM pg.visits v WHERE v.k = k.k)";
    try (Connection x = connect()) {
      assertThat(plan(x, sql)).contains("dynamicFilter=[pg.visits]", "joinType=[anti]", "GROUP BY",
          "maxKeys=[100000]", "batch=[100000]");
      assertThat(sorted(Rows.of(x, sql))).isEqualTo(reference(sql)).hasSize(35);
    }
  }

  @Test
  void aJoinWhoseLeftSideComesOrderedKeepsThatOrder() throws Exception {
    // The file is read in its declared order, and Calcite's hash join keeps its left side's order, so the
    // planner drops the sort for ORDER BY; a join that hashed the file, or read it by keys, would not keep it.
    for (String join : List.of("EXISTS (SELECT 1 FROM pg.big b WHERE b.id = k.k)",
        "NOT EXISTS (SELECT 1 FROM pg.big b WHERE b.id = k.k)", "k.k IN (SELECT b.id FROM pg.big b)")) {
      String sql = "SELECT k.k FROM sorted k WHERE k.flag <> 'n' AND " + join + " ORDER BY k.k DESC";
      List<String> expected;
      try (Connection pg = TestDatabase.POSTGRES.connect(DATABASE)) {
        expected = Rows.of(pg, sql.replace("pg.", "").replace("sorted k WHERE", "keys k WHERE k.k IS NOT NULL AND"));
      }
      assertThat(expected).hasSizeGreaterThan(30);
      try (Connection x = connect()) {
        assertThat(Rows.of(x, sql)).as(sql).containsExactlyElementsOf(expected);
      }
    }
  }

  @Test
  void aHintedJoinWhoseLeftSideComesOrderedKeepsThatOrder() throws Exception {
    // Hashing the file, merging on ascending keys or looking the file up by big's rows gives another order
    // than the file's, which the planner counted on: the rows are sorted again after such a join.
    String sql = "SELECT %s k.k, b.v FROM sorted k JOIN pg.big b ON b.id = k.k WHERE k.flag <> 'n'"
        + " ORDER BY k.k DESC";
    List<String> expected;
    try (Connection pg = TestDatabase.POSTGRES.connect(DATABASE)) {
      expected = Rows.of(pg, String.format(sql, "").replace("pg.", "").replace("sorted k", "keys k"));
    }
    assertThat(expected).hasSizeGreaterThan(30);
    for (String hint : List.of("/*+ HASH_JOIN(k) */", "/*+ MERGE_JOIN(k) */", "/*+ HASH_JOIN(b) */",
        "/*+ LOOKUP_JOIN(b) */")) {
      String hinted = String.format(sql, hint);
      try (Connection x = connect()) {
        assertThat(Rows.of(x, hinted)).as(hinted).containsExactlyElementsOf(expected);
      }
    }
  }

  /** Runs the query through xsql, checks its rows, and returns the rows PostgreSQL read from big meanwhile. */
  private long rowsReadRunning(String sql, List<String> expected) throws Exception {
    long before = reads();
    try (Connection x = connect()) {
      assertThat(sorted(Rows.of(x, sql))).as(sql).isEqualTo(expected);
    }
    return reads() - before;
  }

  private List<String> reference(String sql) throws SQLException {
    try (Connection pg = TestDatabase.POSTGRES.connect(DATABASE)) {
      return sorted(Rows.of(pg, sql.replace("pg.", "")));
    }
  }

  /**
   * Rows PostgreSQL has read from {@code big}, by sequential scans and through indexes. A backend sends
   * its counts to the statistics when it ends (and at most once a second while it runs), so every other
   * backend of the database is ended first; later queries use a pool of their own.
   */
  private long reads() throws Exception {
    try (Connection pg = TestDatabase.POSTGRES.connect(DATABASE); Statement s = pg.createStatement()) {
      String others = " FROM pg_stat_activity WHERE datname = '" + DATABASE + "' AND pid <> pg_backend_pid()";
      s.execute("SELECT pg_terminate_backend(pid)" + others);
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!Rows.of(pg, "SELECT COUNT(*)" + others).equals(List.of("0"))) {
        assertThat(System.nanoTime()).as("backends ended").isLessThan(deadline);
        Thread.sleep(50);
      }
      s.execute("SELECT pg_stat_clear_snapshot()");
      List<String> reads = Rows.of(pg, "SELECT seq_tup_read + COALESCE(idx_tup_fetch, 0)"
          + " FROM pg_stat_user_tables WHERE relname = 'big'");
      pools++;
      writeCatalog();
      return Long.parseLong(reads.get(0));
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:xsql:catalog=" + catalog);
  }

  private static String plan(Connection c, String sql) throws SQLException {
    return String.join("\n", Rows.of(c, "EXPLAIN PLAN FOR " + sql));
  }

  private static List<String> sorted(List<String> rows) {
    return rows.stream().sorted().toList();
  }
}
