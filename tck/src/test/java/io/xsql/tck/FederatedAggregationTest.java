package io.xsql.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Aggregation across two databases: a GROUP BY whose aggregates read the PostgreSQL side of a join with a
 * MariaDB table unique on its key aggregates PostgreSQL's rows per key there first
 * ({@code JoinSideAggregateRule}); EXISTS / NOT EXISTS / IN ask PostgreSQL for distinct keys only
 * ({@code SemiJoinDistinctRule}); a grouping a statement repeats is computed once by PostgreSQL
 * ({@code JdbcCommonSubqueries}). Each query's rows are checked against the same query run inside
 * PostgreSQL, which holds a copy of the MariaDB table, over NULL keys and values, customers without orders
 * and orders without a customer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class FederatedAggregationTest {
  private static final String DATABASE = "xsql_federated_aggregation_" + UUID.randomUUID().toString().substring(0, 8);
  private static final int CUSTOMERS = 300;

  @TempDir
  static Path dir;
  private String catalog;

  @BeforeAll
  void load() throws Exception {
    TestDatabase.POSTGRES.create(DATABASE);
    TestDatabase.MARIADB.create(DATABASE);
    Random random = new Random(20261207);
    try (Connection pg = TestDatabase.POSTGRES.connect(DATABASE);
        Connection my = TestDatabase.MARIADB.connect(DATABASE);
        Statement ps = pg.createStatement(); Statement ms = my.createStatement()) {
      String customers = "CREATE TABLE customers (id int PRIMARY KEY, name varchar(20), region varchar(10))";
      ps.execute(customers);
      ms.execute(customers);
      try (PreparedStatement p = pg.prepareStatement("INSERT INTO customers VALUES (?, ?, ?)");
          PreparedStatement m = my.prepareStatement("INSERT INTO customers VALUES (?, ?, ?)")) {
        for (int id = 1; id <= CUSTOMERS; id++) {
          String region = id % 11 == 0 ? null : "r" + id % 4;
          for (PreparedStatement s : List.of(p, m)) {
            s.setInt(1, id);
            s.setString(2, "c" + id);
            s.setString(3, region);
            s.addBatch();
          }
        }
        p.executeBatch();
        m.executeBatch();
      }
      // About ten orders per customer, none for some, some for customers that do not exist or for none.
      ps.execute("CREATE TABLE orders (id int PRIMARY KEY, cust int, amount numeric(10,2), status char(1),"
          + " note text)");
      try (PreparedStatement p = pg.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?)")) {
        for (int id = 1; id <= 3000; id++) {
          int cust = random.nextInt(CUSTOMERS + 40);
          p.setInt(1, id);
          p.setObject(2, cust % 7 == 3 || cust == 0 ? null : cust);
          p.setObject(3, random.nextInt(20) == 0 ? null : new BigDecimal(random.nextInt(100_000)).movePointLeft(2));
          p.setString(4, random.nextBoolean() ? "O" : "F");
          p.setString(5, random.nextInt(5) == 0 ? null : random.nextInt(4) == 0 ? "special requests" : "plain");
          p.addBatch();
        }
        p.executeBatch();
      }
      ps.execute("ANALYZE orders");
      ps.execute("ANALYZE customers");
    }
    Path file = dir.resolve("catalog.yaml");
    Files.writeString(file, "sources:\n"
        + "  pg: " + TestDatabase.POSTGRES.catalogEntry(DATABASE, "") + "\n"
        + "  my: " + TestDatabase.MARIADB.catalogEntry(DATABASE, "") + "\n");
    catalog = file.toString();
  }

  @AfterAll
  void drop() throws Exception {
    TestDatabase.POSTGRES.drop(DATABASE);
    TestDatabase.MARIADB.drop(DATABASE);
  }

  @Test
  void aggregatesTheReadSideInPostgresFirst() throws Exception {
    List<String> queries = List.of(
        "SELECT c.id, c.name, SUM(o.amount), COUNT(*), COUNT(o.note), MIN(o.amount), MAX(o.id)"
            + " FROM %s c JOIN %s o ON o.cust = c.id GROUP BY c.id, c.name",
        "SELECT c.region, o.status, SUM(o.amount * 2), COUNT(o.amount) FROM %s c JOIN %s o ON c.id = o.cust"
            + " GROUP BY o.status, c.region",
        "SELECT c.name, SUM(o.amount) FROM %2$s o JOIN %1$s c ON o.cust = c.id WHERE o.status = 'O'"
            + " GROUP BY c.name",
        "SELECT c.id, COUNT(o.id), SUM(o.amount), MAX(o.amount) FROM %s c LEFT JOIN %s o"
            + " ON c.id = o.cust AND o.note NOT LIKE '%%special%%' GROUP BY c.id",
        "SELECT n, COUNT(*) FROM (SELECT c.id, COUNT(o.id) FROM %s c LEFT JOIN %s o ON c.id = o.cust"
            + " AND o.note NOT LIKE '%%special%%' GROUP BY c.id) AS t (id, n) GROUP BY n");
    check(queries, "JdbcAggregate(group=[{");
  }

  @Test
  void keepsAggregatesThatCannotMoveAndTheirRows() throws Exception {
    // COUNT(*) over a LEFT join counts customers without orders; a DISTINCT count cannot be rolled up.
    List<String> queries = List.of(
        "SELECT c.id, COUNT(*), SUM(o.amount) FROM %s c LEFT JOIN %s o ON c.id = o.cust GROUP BY c.id",
        "SELECT c.region, COUNT(DISTINCT o.status) FROM %s c JOIN %s o ON c.id = o.cust GROUP BY c.region");
    check(queries, null);
  }

  @Test
  void asksForDistinctKeysOnlyWhereExistenceIsAsked() throws Exception {
    List<String> queries = List.of(
        "SELECT c.id, c.region FROM %s c WHERE EXISTS (SELECT 1 FROM %s o WHERE o.cust = c.id)",
        "SELECT c.id FROM %s c WHERE NOT EXISTS (SELECT 1 FROM %s o WHERE o.cust = c.id)",
        "SELECT c.region, COUNT(*) FROM %s c WHERE NOT EXISTS (SELECT 1 FROM %s o WHERE o.cust = c.id"
            + " AND o.note IS NOT NULL) GROUP BY c.region");
    check(queries, "JdbcAggregate(group=[{");
    // IN is a join with the distinct keys, which Calcite turns into a semi-join without them.
    check(List.of("SELECT c.id FROM %s c WHERE c.id IN (SELECT o.cust FROM %s o WHERE o.status = 'F')"), null);
  }

  @Test
  void computesARepeatedGroupingOnceInPostgres() throws Exception {
    String best = "WITH r AS (SELECT cust, SUM(amount) AS s FROM %2$s WHERE cust <= 300 GROUP BY cust)"
        + " SELECT r.cust, r.s%3$s FROM r%4$s WHERE r.s = (SELECT MAX(s) FROM r)";
    List<String> queries = List.of(String.format(best, "%1$s", "%2$s", "", ""),
        String.format(best, "%1$s", "%2$s", ", c.name", " JOIN %1$s c ON c.id = r.cust"));
    check(queries, null);
    try (Connection x = DriverManager.getConnection("jdbc:xsql:catalog=" + catalog)) {
      for (String q : queries) {
        Rows.of(x, String.format(q, "my.customers", "pg.orders"));
        List<String> sent = Rows.of(x, "SELECT request FROM xsql.queries WHERE source = 'pg'"
            + " AND query_id = (SELECT MAX(query_id) FROM xsql.queries)");
        assertThat(sent).as(q).singleElement().satisfies(sql -> {
          assertThat(sql).startsWith("WITH \"xsql_shared0\" AS (SELECT");
          assertThat(sql.split("GROUP BY", -1)).hasSize(2);
        });
      }
      // A repeated filtered scan of a table is no work to share.
      String scans = "SELECT a.id FROM (SELECT id, cust FROM pg.orders WHERE status = 'O') a"
          + " JOIN (SELECT id, cust FROM pg.orders WHERE status = 'O') b ON a.id = b.id AND a.cust = b.cust";
      assertThat(Rows.of(x, scans)).isNotEmpty();
      assertThat(Rows.of(x, "SELECT request FROM xsql.queries WHERE source = 'pg'"
          + " AND query_id = (SELECT MAX(query_id) FROM xsql.queries)")).noneMatch(sql -> sql.contains("WITH"));
    }
  }

  /**
   * Runs each query (its two table references formatted in) in xsql over the two databases and in
   * PostgreSQL, and compares the rows; {@code planned} is text the xsql plan must show, or null for none.
   */
  private void check(List<String> queries, String planned) throws Exception {
    try (Connection pg = TestDatabase.POSTGRES.connect(DATABASE);
        Connection x = DriverManager.getConnection("jdbc:xsql:catalog=" + catalog)) {
      for (String q : queries) {
        String sql = String.format(q, "my.customers", "pg.orders");
        List<String> expected = Rows.of(pg, String.format(q, "customers", "orders")).stream().sorted().toList();
        assertThat(expected).as(q).isNotEmpty();
        if (planned != null) {
          assertThat(String.join("\n", Rows.of(x, "EXPLAIN PLAN FOR " + sql))).as(sql).contains(planned);
        }
        assertThat(Rows.of(x, sql).stream().sorted().toList()).as(sql).isEqualTo(expected);
      }
    }
  }
}
