package io.xsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsql.tck.Rows;
import io.xsql.tck.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.Table;
import org.apache.calcite.util.ImmutableBitSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What runs in the database and what comes back: pushed-down plans, values that need quoting, LIKE,
 * several schemas, keys, refresh, and a join across PostgreSQL, MariaDB and a file checked against the
 * same join inside PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabasePushdownTest {
  private static final String[] NAMES = {"O'Brien", "back\\slash", "ends\\", "100%", "a_b", "axb", "Zoë 東京",
      "Mia", "mia", "mia "};
  @TempDir
  static Path dir;
  private String sources;

  @AfterAll
  void dropDatabases() throws SQLException {
    TestDatabase.POSTGRES.drop("xsql_push_pg");
    TestDatabase.MARIADB.drop("xsql_push_maria");
  }

  @BeforeAll
  void load() throws Exception {
    TestDatabase.POSTGRES.create("xsql_push_pg");
    DatabaseSources.execute(TestDatabase.POSTGRES, "xsql_push_pg",
        "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, country text)",
        "CREATE TABLE orders (id int PRIMARY KEY, customer_id int, product_id int, qty int)",
        "CREATE TABLE products (id int PRIMARY KEY, title text)",
        "CREATE TABLE names (id int PRIMARY KEY, name text)",
        "CREATE UNIQUE INDEX customers_name ON customers (name)",
        "CREATE UNIQUE INDEX customers_country ON customers (country, id)",
        "CREATE SCHEMA sales",
        "CREATE TABLE sales.targets (region text, amount int)",
        "INSERT INTO sales.targets VALUES ('north', 10), ('south', 20)");
    TestDatabase.MARIADB.create("xsql_push_maria");
    DatabaseSources.execute(TestDatabase.MARIADB, "xsql_push_maria",
        "CREATE TABLE customers (id int PRIMARY KEY, name varchar(50) NOT NULL, country varchar(20))",
        "CREATE TABLE names (id int PRIMARY KEY, name varchar(50))");
    List<String> customers = new ArrayList<>();
    List<String> orders = new ArrayList<>();
    StringBuilder products = new StringBuilder();
    for (int i = 1; i <= 40; i++) {
      customers.add("(" + i + ", 'c" + i + "', " + (i % 4 == 0 ? "NULL" : "'" + "DE FR US".split(" ")[i % 3] + "'")
          + ")");
      for (int j = 0; j < i % 5; j++) {
        orders.add("(" + (i * 10 + j) + ", " + i + ", " + (j + i) % 7 + ", " + (i + j) + ")");
      }
    }
    for (int p = 0; p < 7; p++) {
      products.append("{\"id\": ").append(p).append(", \"title\": \"product ").append(p).append("\"}\n");
    }
    Files.writeString(dir.resolve("products.jsonl"), products);
    String customerRows = String.join(", ", customers);
    DatabaseSources.execute(TestDatabase.POSTGRES, "xsql_push_pg",
        "INSERT INTO customers VALUES " + customerRows, "INSERT INTO orders VALUES " + String.join(", ", orders),
        "ANALYZE customers");
    DatabaseSources.execute(TestDatabase.MARIADB, "xsql_push_maria", "INSERT INTO customers VALUES " + customerRows);
    for (int p = 0; p < 7; p++) {
      DatabaseSources.execute(TestDatabase.POSTGRES, "xsql_push_pg",
          "INSERT INTO products VALUES (" + p + ", 'product " + p + "')");
    }
    for (TestDatabase db : TestDatabase.values()) {
      String database = db == TestDatabase.POSTGRES ? "xsql_push_pg" : "xsql_push_maria";
      try (Connection c = db.connect(database);
          PreparedStatement ps = c.prepareStatement("INSERT INTO names VALUES (?, ?)")) {
        for (int i = 0; i < NAMES.length; i++) {
          ps.setInt(1, i);
          ps.setString(2, NAMES[i]);
          ps.executeUpdate();
        }
      }
    }
    sources = "  pg: " + TestDatabase.POSTGRES.catalogEntry("xsql_push_pg", "") + "\n"
        + "  shop: " + TestDatabase.MARIADB.catalogEntry("xsql_push_maria", "") + "\n"
        + "  products: { type: jsonl, path: \"" + dir.resolve("products.jsonl") + "\" }\n";
  }

  private Connection xsql() throws Exception {
    return DatabaseSources.connect(dir, sources);
  }

  private static String plan(Connection c, String sql) throws SQLException {
    return String.join("\n", Rows.of(c, "EXPLAIN PLAN FOR " + sql));
  }

  @Test
  void filtersAggregatesJoinsSortsAndLimitsRunInPostgres() throws Exception {
    try (Connection c = xsql()) {
      String sql = "SELECT c.country, COUNT(*), SUM(o.qty) FROM pg.orders o JOIN pg.customers c "
          + "ON o.customer_id = c.id WHERE o.qty > 3 GROUP BY c.country";
      assertThat(plan(c, sql)).contains("JdbcToXsqlConverter").contains("JdbcAggregate")
          .contains("JdbcJoin").contains("JdbcFilter").doesNotContain("EnumerableAggregate")
          .doesNotContain("EnumerableHashJoin");
      assertThat(plan(c, "SELECT id FROM pg.orders ORDER BY qty DESC, id LIMIT 5 OFFSET 2"))
          .contains("JdbcSort").doesNotContain("EnumerableSort").doesNotContain("EnumerableLimit");
      try (Connection direct = TestDatabase.POSTGRES.connect("xsql_push_pg")) {
        assertThat(Rows.of(c, sql)).containsExactlyInAnyOrderElementsOf(Rows.of(direct,
            sql.replace("pg.", "")));
      }
    }
  }

  /**
   * A GROUP BY of 200,000 rows into 3 groups is estimated from the database's statistics (without them
   * it looked like 20,000 rows), and its few rows are read whole, so that PostgreSQL may run it with
   * parallel workers; the rows of a plain scan are read in parts.
   */
  @ParameterizedTest
  @ValueSource(strings = {"pg", "shop"})
  void smallAggregatedResultsAreEstimatedFromStatisticsAndReadWhole(String source) throws Exception {
    TestDatabase db = source.equals("pg") ? TestDatabase.POSTGRES : TestDatabase.MARIADB;
    String database = source.equals("pg") ? "xsql_push_pg" : "xsql_push_maria";
    DatabaseSources.execute(db, database, "DROP TABLE IF EXISTS events",
        "CREATE TABLE events (id int PRIMARY KEY, kind int)", "CREATE INDEX events_kind ON events (kind)",
        source.equals("pg") ? "INSERT INTO events SELECT i, i % 3 FROM generate_series(1, 200000) i"
            : "INSERT INTO events SELECT seq, seq % 3 FROM seq_1_to_200000",
        source.equals("pg") ? "ANALYZE events" : "ANALYZE TABLE events");
    try (Connection c = xsql(); Connection direct = db.connect(database)) {
      String sql = "SELECT kind, COUNT(*), SUM(id) FROM " + source + ".events GROUP BY kind";
      assertThat(plan(c, sql)).contains("JdbcAggregate").contains("read=[whole]");
      assertThat(plan(c, "SELECT id, kind FROM " + source + ".events")).doesNotContain("read=");
      assertThat(Rows.of(c, sql)).containsExactlyInAnyOrderElementsOf(
          Rows.of(direct, sql.replace(source + ".", "")));
      // TPC-H Q15's shape: the groups joined to the largest of them, a join of two small results.
      String largest = "SELECT g.kind, g.n FROM (SELECT kind, COUNT(*) AS n FROM " + source + ".events GROUP BY kind) g"
          + " JOIN (SELECT MAX(n) AS m FROM (SELECT kind, COUNT(*) AS n FROM " + source + ".events GROUP BY kind) x) t"
          + " ON g.n = t.m";
      assertThat(plan(c, largest)).contains("JdbcJoin").contains("read=[whole]");
      assertThat(Rows.of(c, largest)).containsExactlyInAnyOrderElementsOf(
          Rows.of(direct, largest.replace(source + ".", "")));
    } finally {
      DatabaseSources.execute(db, database, "DROP TABLE events");
    }
  }

  @Test
  void textIsComparedExactlyWhateverTheDatabaseCollation() throws Exception {
    try (Connection c = xsql()) {
      // MariaDB compares text case- and trailing-blank-insensitively: such filters stay in xsql.
      assertThat(plan(c, "SELECT id FROM shop.names WHERE name = 'mia'")).doesNotContain("JdbcFilter");
      assertThat(Rows.of(c, "SELECT id FROM shop.names WHERE name = 'mia'")).containsExactly("8");
      assertThat(plan(c, "SELECT id FROM pg.names WHERE name = 'mia'")).contains("JdbcFilter");
      assertThat(Rows.of(c, "SELECT id FROM pg.names WHERE name = 'mia'")).containsExactly("8");
      // Text order follows the database's locale there, so it stays in xsql too.
      assertThat(plan(c, "SELECT name FROM pg.names ORDER BY name")).doesNotContain("JdbcSort");
      assertThat(plan(c, "SELECT id FROM shop.names WHERE id > 3")).contains("JdbcFilter");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"pg", "shop"})
  void valuesNeedingQuotesMatchAsLiteralsAndParameters(String source) throws Exception {
    try (Connection c = xsql()) {
      for (int i = 0; i < NAMES.length; i++) {
        String literal = NAMES[i].replace("'", "''");
        assertThat(Rows.of(c, "SELECT id FROM " + source + ".names WHERE name = '" + literal + "'"))
            .as(NAMES[i]).containsExactly(String.valueOf(i));
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + source + ".names WHERE name = ?")) {
          ps.setString(1, NAMES[i]);
          try (ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).as(NAMES[i]).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(i);
            assertThat(rs.next()).isFalse();
          }
        }
      }
      // LIKE has no escape character: a backslash is itself, % and _ are wildcards.
      assertThat(Rows.of(c, "SELECT id FROM " + source + ".names WHERE name LIKE 'back\\slash'"))
          .containsExactly("1");
      assertThat(Rows.of(c, "SELECT id FROM " + source + ".names WHERE name LIKE '%\\' ORDER BY id"))
          .containsExactly("2");
      assertThat(Rows.of(c, "SELECT id FROM " + source + ".names WHERE name LIKE 'a_b' ORDER BY id"))
          .containsExactly("4", "5");
      assertThat(Rows.of(c, "SELECT id FROM " + source + ".names WHERE name LIKE '%東%'")).containsExactly("6");
    }
  }

  @Test
  void likeRunsInPostgresWithoutAnEscapeCharacter() throws Exception {
    try (Connection c = xsql()) {
      assertThat(plan(c, "SELECT id FROM pg.names WHERE name LIKE '%\\'")).contains("JdbcFilter");
    }
  }

  @Test
  void aJoinAcrossPostgresMariadbAndAFileEqualsTheSameJoinInsidePostgres() throws Exception {
    String xsql = "SELECT o.id, c.name, c.country, p.title, o.qty FROM pg.orders o "
        + "JOIN shop.customers c ON o.customer_id = c.id JOIN products p ON o.product_id = p.id "
        + "WHERE o.qty > 2";
    String inside = "SELECT o.id, c.name, c.country, p.title, o.qty FROM orders o "
        + "JOIN customers c ON o.customer_id = c.id JOIN products p ON o.product_id = p.id WHERE o.qty > 2";
    try (Connection c = xsql(); Connection direct = TestDatabase.POSTGRES.connect("xsql_push_pg")) {
      List<String> expected = Rows.of(direct, inside);
      assertThat(expected).hasSizeGreaterThan(20);
      assertThat(Rows.of(c, xsql)).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void otherSchemasAreNestedAndKeysAreListed() throws Exception {
    try (Connection c = xsql()) {
      assertThat(Rows.of(c, "SELECT region, amount FROM pg.sales.targets ORDER BY amount"))
          .containsExactly("north | 10", "south | 20");
      assertThat(Rows.of(c, "SELECT COUNT(*) FROM pg.public.customers")).containsExactly("40");
      DatabaseMetaData meta = c.getMetaData();
      List<String> keys = new ArrayList<>();
      try (ResultSet rs = meta.getPrimaryKeys(null, "pg", "orders")) {
        while (rs.next()) {
          keys.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME") + "."
              + rs.getString("COLUMN_NAME") + "#" + rs.getInt("KEY_SEQ"));
        }
      }
      assertThat(keys).containsExactly("pg.orders.id#1");
      // Keys the planner sees: the primary key and the unique index over NOT NULL columns, not the one
      // over the nullable country (it admits several rows with NULL).
      Table customers = CalciteSchema.from(c.unwrap(CalciteConnection.class).getRootSchema().subSchemas()
          .get("pg")).schema.tables().get("customers");
      assertThat(customers.getStatistic().getKeys()).containsExactlyInAnyOrder(ImmutableBitSet.of(0),
          ImmutableBitSet.of(1));
      assertThat(customers.getStatistic().getRowCount()).isEqualTo(40.0);
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = meta.getTables(null, "pg", "%", null)) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      assertThat(tables).contains("customers", "orders", "products", "names");
    }
  }

  @Test
  void anyJdbcDatabaseWorksWithCalcitesDialectForIt() throws Exception {
    try (Connection h2 = java.sql.DriverManager.getConnection("jdbc:h2:mem:xsql_generic;DB_CLOSE_DELAY=-1");
        java.sql.Statement s = h2.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS orders (id INT PRIMARY KEY, qty INT, note VARCHAR(20))");
      s.execute("MERGE INTO orders VALUES (1, 5, 'a'), (2, 7, 'B'), (3, 9, 'b')");
    }
    // "any", as in the catalog example, is an SQL keyword: queries quote it.
    try (Connection c = DatabaseSources.connect(dir, "  any: { type: jdbc, url: \"jdbc:h2:mem:xsql_generic\", "
        + "driver: org.h2.Driver }\n")) {
      assertThat(Rows.of(c, "SELECT id FROM \"any\".orders WHERE qty > 6 ORDER BY id")).containsExactly("2", "3");
      assertThat(plan(c, "SELECT id FROM \"any\".orders WHERE qty > 6")).contains("JdbcFilter");
      // Text comparisons of an unknown database stay in xsql.
      assertThat(plan(c, "SELECT id FROM \"any\".orders WHERE note = 'b'")).doesNotContain("JdbcFilter");
      assertThat(Rows.of(c, "SELECT id FROM \"any\".orders WHERE note = 'b'")).containsExactly("3");
    }
  }

  @Test
  void refreshShowsTablesCreatedAfterTheFirstLook() throws Exception {
    DatabaseSources.execute(TestDatabase.POSTGRES, "xsql_push_pg", "DROP TABLE IF EXISTS late");
    try (Connection c = xsql()) {
      assertThat(Rows.of(c, "SELECT COUNT(*) FROM pg.customers")).containsExactly("40");
      DatabaseSources.execute(TestDatabase.POSTGRES, "xsql_push_pg",
          "CREATE TABLE late (x int)", "INSERT INTO late VALUES (7)");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Rows.of(c, "SELECT x FROM pg.late"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42S02"));
      c.unwrap(io.xsql.driver.XsqlConnection.class).refresh("pg");
      assertThat(Rows.of(c, "SELECT x FROM pg.late")).containsExactly("7");
    }
  }
}
