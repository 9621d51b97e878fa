package io.xsql.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code xsql.queries} after a join of PostgreSQL, a CSV file and a REST API: its counts against what the
 * sources saw (PostgreSQL's own table statistics, the API's request count, the file's lines).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class SystemSchemaTest {
  private final String database = "xsql_sys_" + UUID.randomUUID().toString().substring(0, 8);
  @TempDir
  static Path dir;
  private TestApi api;
  private Path catalog;

  @BeforeAll
  void start() throws Exception {
    TestDatabase.POSTGRES.create(database);
    try (Connection c = TestDatabase.POSTGRES.connect(database); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL)");
      s.execute("INSERT INTO customers SELECT i, 'c' || i FROM generate_series(1, 40) i");
      s.execute("ANALYZE customers");
    }
    api = new TestApi().on("/orders", c -> TestApi.Answer.json("[" + IntStream.rangeClosed(1, 60)
        .filter(i -> c.param("customer_id") == null || List.of(c.param("customer_id").split(","))
            .contains(Integer.toString(i % 40 + 1)))
        .mapToObj(i -> "{\"order_id\": " + i + ", \"customer_id\": " + (i % 40 + 1) + "}")
        .collect(Collectors.joining(",")) + "]"));
    Files.writeString(dir.resolve("vip.csv"), "customer_id\n3\n5\n8\n");
    catalog = dir.resolve("catalog.yaml");
    Files.writeString(catalog, "sources:\n"
        + "  crm: " + TestDatabase.POSTGRES.catalogEntry(database, "") + "\n"
        + "  vip: { type: csv, path: vip.csv }\n"
        + "  shop: { type: rest, url: \"" + api.url() + "\", tables: { orders: { path: /orders,"
        + " params: { customer_id: { column: customer_id, batch: 2 } } } } }\n");
  }

  @AfterAll
  void stop() throws SQLException {
    api.close();
    TestDatabase.POSTGRES.drop(database);
  }

  @Test
  void eachOperationOfAQueryIsARowWithWhatTheSourceSent() throws Exception {
    long pgRowsBefore = pgRowsRead();
    try (Connection c = DriverManager.getConnection("jdbc:xsql:catalog=" + catalog);
        Statement s = c.createStatement()) {
      String join = "SELECT /*+ LOOKUP_JOIN(o) */ v.customer_id, c.name, o.order_id FROM vip v"
          + " JOIN crm.customers c ON c.id = v.customer_id JOIN shop.orders o ON o.customer_id = v.customer_id";
      Rows.of(c, join);
      api.reset();
      assertThat(Rows.of(c, join)).hasSize(6);
      int requests = api.count("/orders");

      List<String> ops = Rows.of(c, "SELECT source, table_name, operation, calls, rows_read FROM xsql.queries"
          + " WHERE query_id = 2 ORDER BY source, operation");
      assertThat(ops).contains("shop | orders | requests | " + requests + " | 6", "shop | orders | lookup | 1 | 6",
          "vip | vip | scan | 1 | 3");
      assertThat(ops).filteredOn(o -> o.startsWith("crm |")).singleElement().asString()
          .startsWith("crm | NULL | statement | 1 | ");
      // PostgreSQL counts the rows its scans read; over both runs xsql was sent no more than that. Its
      // backends report their counts a moment after a transaction ends.
      long sent = Long.parseLong(Rows.of(c, "SELECT SUM(rows_read) FROM xsql.queries WHERE source = 'crm'").get(0));
      long pgRows = 0;
      for (long until = System.nanoTime() + 10_000_000_000L; pgRows < sent && System.nanoTime() < until; ) {
        Thread.sleep(200);
        pgRows = pgRowsRead() - pgRowsBefore;
      }
      assertThat(sent).isPositive().isLessThanOrEqualTo(pgRows);
      assertThat(Rows.of(c, "SELECT request, details FROM xsql.queries WHERE query_id = 2 AND operation = 'requests'"))
          .singleElement().asString().startsWith("GET " + api.url() + "/orders | 2 pages, 0 cache hits");
      assertThat(Rows.of(c, "SELECT DISTINCT query_text FROM xsql.queries WHERE query_id = 2")).containsExactly(join);
    }
  }

  @Test
  void theHistoryIsPerConnectionBoundedAndKeepsPreparedRuns() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:xsql:catalog=" + catalog + ";queryHistory=2");
        Connection other = DriverManager.getConnection("jdbc:xsql:catalog=" + catalog)) {
      try (PreparedStatement p = c.prepareStatement("SELECT name FROM crm.customers WHERE id = ?")) {
        for (int id = 1; id <= 3; id++) {
          p.setInt(1, id);
          try (ResultSet rs = p.executeQuery()) {
            assertThat(rs.next()).isTrue();
          }
        }
      }
      assertThat(Rows.of(c, "SELECT query_id, rows_read FROM xsql.queries")).containsExactly("2 | 1", "3 | 1");
      assertThat(Rows.of(other, "SELECT COUNT(*) FROM xsql.queries")).containsExactly("0");
    }
  }

  @Test
  void sourcesTablesAndColumnsShowWhatThePlannerKnows() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:xsql:catalog=" + catalog)) {
      Rows.of(c, "SELECT COUNT(*) FROM crm.customers");
      assertThat(Rows.of(c, "SELECT source, type, status FROM xsql.sources")).containsExactly(
          "crm | postgres | connected", "vip | csv | open", "shop | rest | open");
      assertThat(Rows.of(c, "SELECT detail FROM xsql.sources WHERE source = 'crm'")).singleElement().asString()
          .startsWith("pool: ").contains("at most 8");
      assertThat(Rows.of(c, "SELECT source, schema_name, table_name, lookup FROM xsql.tables"
          + " WHERE table_name IN ('customers', 'vip', 'orders') ORDER BY source, schema_name")).containsExactly(
              "crm | crm | customers | database",
              "shop | shop | orders | by key", "vip | main | vip | index");
      assertThat(Rows.of(c, "SELECT row_estimate FROM xsql.tables WHERE schema_name = 'crm'"))
          .containsExactly("40");
      assertThat(Rows.of(c, "SELECT \"TABLE_SCHEM\", \"COLUMN_NAME\", \"KEY_SEQ\""
          + " FROM TABLE(xsql.primary_keys('crm', 'customers'))")).containsExactly("crm | id | 1");
      assertThat(Rows.of(c, "SELECT COUNT(*) FROM TABLE(xsql.index_info('crm', 'customers', true))"))
          .containsExactly("1");
      assertThat(Rows.of(c, "SELECT column_name, ordinal_position, type, nullable FROM xsql.columns"
          + " WHERE schema_name = 'crm' AND table_name = 'customers'")).containsExactly(
              "id | 1 | INTEGER | false", "name | 2 | VARCHAR(20) | false");
    }
  }

  @Test
  void noSourceMayTakeTheSystemSchemasName() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "sources:\n  XSQL: { type: csv, path: vip.csv }\n");
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:xsql:catalog=" + bad)).isInstanceOf(SQLException.class)
        .hasMessageContaining("taken by xsql's system schema").extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("F0000");
  }

  private long pgRowsRead() throws SQLException {
    try (Connection c = TestDatabase.POSTGRES.connect(database); Statement s = c.createStatement()) {
      // A fresh snapshot each time, not the one the transaction took first.
      s.execute("SELECT pg_stat_clear_snapshot()");
      try (ResultSet rs = s.executeQuery("SELECT COALESCE(seq_tup_read, 0) + COALESCE(idx_tup_fetch, 0)"
          + " FROM pg_stat_user_tables WHERE relname = 'customers'")) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
