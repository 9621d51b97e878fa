package io.xsql.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * Lookup joins into PostgreSQL over many batches of keys, checked against the same join inside PostgreSQL;
 * on a pool of two connections, so that a lookup that kept its connection would make the next query fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class LookupJoinBatchesTest {
  private static final String DATABASE = "xsql_lookup_batches";
  /** Keys in the file: more than two batches of the largest lookup batch (4,096). */
  private static final int KEYS = 9_500;

  @TempDir
  static Path dir;
  private Path catalog;

  @AfterAll
  void dropDatabases() throws SQLException {
    TestDatabase.POSTGRES.drop(DATABASE);
  }

  @BeforeAll
  void load() throws Exception {
    TestDatabase.POSTGRES.create(DATABASE);
    Random random = new Random(20261121);
    List<Integer> ids = new ArrayList<>();
    StringBuilder file = new StringBuilder();
    for (int i = 0; i < KEYS; i++) {
      // Ids beyond the table's 20,000 rows find nothing; NULLs and repeats occur too.
      Integer id = random.nextInt(50) == 0 ? null : 1 + random.nextInt(24_000);
      ids.add(id);
      file.append("{\"id\": ").append(id).append(", \"n\": ").append(i).append("}\n");
    }
    Files.writeString(dir.resolve("wanted.jsonl"), file);
    try (Connection c = TestDatabase.POSTGRES.connect(DATABASE); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE big (id int PRIMARY KEY, v text)");
      s.execute("INSERT INTO big SELECT g, 'v' || g FROM generate_series(1, 20000) g");
      s.execute("CREATE TABLE wanted (id int, n int)");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO wanted VALUES (?, ?)")) {
        for (int i = 0; i < ids.size(); i++) {
          ps.setObject(1, ids.get(i));
          ps.setInt(2, i);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      s.execute("ANALYZE big");
    }
    catalog = dir.resolve("catalog.yaml");
    Files.writeString(catalog, "sources:\n"
        + "  pg: " + TestDatabase.POSTGRES.catalogEntry(DATABASE, "pool: { max_size: 2 }") + "\n"
        + "  wanted: { type: jsonl, path: wanted.jsonl, columns: { id: integer, n: integer } }\n");
  }

  @Test
  void everyBatchMatchesTheJoinInsidePostgres() throws Exception {
    try (Connection x = connect(); Connection pg = TestDatabase.POSTGRES.connect(DATABASE)) {
      for (String join : List.of("JOIN", "LEFT JOIN")) {
        String sql = "SELECT %s w.n, w.id, b.v FROM wanted w " + join + " %s b ON b.id = w.id";
        String xsql = String.format(sql, "/*+ LOOKUP_JOIN(b) */", "pg.big");
        assertThat(String.join("\n", Rows.of(x, "EXPLAIN PLAN FOR " + xsql))).contains("strategy=[LOOKUP]");
        List<String> expected = sorted(Rows.of(pg, String.format(sql, "", "big")));
        assertThat(expected).hasSizeGreaterThan(KEYS / 2);
        assertThat(sorted(Rows.of(x, xsql))).as(join).isEqualTo(expected);
      }
    }
  }

  @Test
  void resultsClosedEarlyGiveTheirConnectionsBack() throws Exception {
    String sql = "SELECT /*+ LOOKUP_JOIN(b) */ w.n, b.v FROM wanted w JOIN pg.big b ON b.id = w.id";
    try (Connection x = connect()) {
      for (int i = 0; i < 5; i++) {
        try (Statement s = x.createStatement(); ResultSet rs = s.executeQuery(sql)) {
          assertThat(rs.next()).isTrue();
        }
      }
      // The pool holds two connections: any a closed result kept would leave this query waiting, then failing.
      try (Connection pg = TestDatabase.POSTGRES.connect(DATABASE)) {
        assertThat(Rows.of(x, sql)).hasSameSizeAs(Rows.of(pg, "SELECT w.n FROM wanted w JOIN big b ON b.id = w.id"));
      }
    }
  }

  private Connection connect() throws Exception {
    return DriverManager.getConnection("jdbc:xsql:catalog=" + catalog);
  }

  private static List<String> sorted(List<String> rows) {
    return rows.stream().sorted().toList();
  }
}
