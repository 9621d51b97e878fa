package io.xsql.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A MongoDB collection (served by mongo-java-server over the wire protocol) joined with a CSV file and a
 * PostgreSQL table through the driver: columns sampled from the documents, nested fields as dotted columns,
 * lookups and filters sent to MongoDB, expected rows compared.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class MongoJoinTest {
  private static final String PASSWORD = "pw-never-shown";
  private static final String PG = "xsql_tck_mongo_join";

  @TempDir
  static Path dir;
  private final MongoServer server = new MongoServer(new MemoryBackend());
  private Path catalog;

  @BeforeAll
  void load() throws Exception {
    InetSocketAddress address = server.bind();
    String uri = "mongodb://localhost:" + address.getPort() + "/?serverSelectionTimeoutMS=2000";
    try (MongoClient client = MongoClients.create(uri)) {
      client.getDatabase("shop").getCollection("customers").insertMany(List.of(
          new Document("cid", 1).append("name", "Ann").append("address", new Document("city", "Oslo")),
          new Document("cid", 2).append("name", "Bob").append("address", new Document("city", "Rome")),
          new Document("cid", 3).append("name", "Cid")));
      List<Document> people = new ArrayList<>();
      for (int i = 0; i < 20_000; i++) {
        people.add(new Document("pid", i).append("name", "p" + i));
      }
      client.getDatabase("shop").getCollection("people").insertMany(people);
      client.getDatabase("shop").getCollection("customers").createIndex(new Document("cid", 1),
          new com.mongodb.client.model.IndexOptions().unique(true).name("customers_cid"));
      client.getDatabase("shop").getCollection("customers").createIndex(new Document("address.city", -1));
      client.getDatabase("shop").getCollection("posts").insertMany(List.of(
          new Document("pid", 1).append("tags", List.of("sql", "mongo")),
          new Document("pid", 2).append("tags", List.of("sql")),
          new Document("pid", 3).append("tags", List.of()),
          new Document("pid", 4)));
    }
    Files.writeString(dir.resolve("orders.csv"), "order_id,customer_id,total\n10,1,5.5\n11,1,7.25\n12,2,3.0\n"
        + "13,4,9.0\n");
    int down;
    try (ServerSocket s = new ServerSocket(0)) {
      down = s.getLocalPort();
    }
    TestDatabase.POSTGRES.create(PG);
    try (Connection pg = TestDatabase.POSTGRES.connect(PG); Statement s = pg.createStatement()) {
      s.execute("CREATE TABLE cities (city VARCHAR(20) PRIMARY KEY, country VARCHAR(20))");
      s.execute("INSERT INTO cities VALUES ('Oslo', 'Norway'), ('Rome', 'Italy'), ('Lima', 'Peru')");
    }
    catalog = dir.resolve("catalog.yaml");
    Files.writeString(catalog, "sources:\n"
        + "  shop: { type: mongodb, uri: \"" + uri + "\", database: shop }\n"
        + "  geo: " + TestDatabase.POSTGRES.catalogEntry(PG, "") + "\n"
        + "  gone: { type: mongodb, uri: \"mongodb://app:" + PASSWORD + "@127.0.0.1:" + down
        + "/?serverSelectionTimeoutMS=300\", database: shop }\n"
        + "  orders: { type: csv, path: orders.csv }\n");
  }

  @AfterAll
  void stop() throws SQLException {
    server.shutdownNow();
    TestDatabase.POSTGRES.drop(PG);
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:xsql:catalog=" + catalog);
  }

  @Test
  void aCollectionJoinsAFile() throws SQLException {
    try (Connection c = connect()) {
      assertThat(Rows.of(c, "SELECT o.order_id, c.name, c.\"address.city\", o.total FROM shop.customers c"
          + " JOIN orders o ON o.customer_id = c.cid ORDER BY o.order_id"))
          .containsExactly("10 | Ann | Oslo | 5.5", "11 | Ann | Oslo | 7.25", "12 | Bob | Rome | 3");
      assertThat(Rows.of(c, "SELECT c.name, COUNT(o.order_id) FROM shop.customers c"
          + " LEFT JOIN orders o ON o.customer_id = c.cid GROUP BY c.name ORDER BY c.name"))
          .containsExactly("Ann | 2", "Bob | 1", "Cid | 0");
    }
  }

  @Test
  void aFileACollectionAndAPostgresTableJoinInOneQuery() throws SQLException {
    String sql = "SELECT o.order_id, c.name, g.country FROM orders o JOIN shop.customers c ON c.cid = o.customer_id"
        + " JOIN geo.cities g ON g.city = c.\"address.city\" WHERE g.country <> 'Peru' ORDER BY o.order_id";
    try (Connection c = connect()) {
      assertThat(Rows.of(c, sql)).containsExactly("10 | Ann | Norway", "11 | Ann | Norway", "12 | Bob | Italy");
    }
  }

  @Test
  void aFewKeysAreLookedUpInTheCollectionAndFiltersGoToMongoDb() throws SQLException {
    try (Connection c = connect()) {
      String join = "SELECT o.order_id, p.name FROM orders o JOIN shop.people p ON p.pid = o.customer_id";
      String plan = String.join("\n", Rows.of(c, "EXPLAIN PLAN FOR " + join));
      assertThat(plan).contains("XsqlLookupJoin").contains("find {\"pid\": {\"$in\": [\"<keys>\"]}}");
      assertThat(Rows.of(c, join + " ORDER BY 1"))
          .containsExactly("10 | p1", "11 | p1", "12 | p2", "13 | p4");
      String top = "SELECT pid, name FROM shop.people ORDER BY pid DESC LIMIT 3";
      assertThat(String.join("\n", Rows.of(c, "EXPLAIN PLAN FOR " + top)))
          .contains("limitOrder=[pid DESC NULLS FIRST]", "sort {\"pid\": -1} limit 3");
      assertThat(Rows.of(c, top)).containsExactly("19999 | p19999", "19998 | p19998", "19997 | p19997");
      String grouped = "SELECT name, COUNT(*), SUM(pid), MAX(pid) FROM shop.people WHERE pid < 3 GROUP BY name";
      assertThat(String.join("\n", Rows.of(c, "EXPLAIN PLAN FOR " + grouped)))
          .contains("groupBy=[[name]], aggregates=[[COUNT(*), SUM(pid), MAX(pid)]]", "{\"$group\": {\"_id\":")
          .doesNotContain("EnumerableAggregate");
      assertThat(Rows.of(c, grouped + " ORDER BY name")).containsExactly("p0 | 1 | 0 | 0", "p1 | 1 | 1 | 1",
          "p2 | 1 | 2 | 2");
      assertThat(Rows.of(c, "SELECT COUNT(*), SUM(pid) FROM shop.people WHERE pid < 0")).containsExactly("0 | NULL");
      String filtered = "SELECT cid FROM shop.customers WHERE name IN ('Bob', 'Cid') AND cid > ?";
      assertThat(String.join("\n", Rows.of(c, "EXPLAIN PLAN FOR " + filtered.replace("?", "1"))))
          .contains("find {\"$and\": [{\"name\": {\"$in\": [\"Bob\", \"Cid\"]}}, {\"cid\": {\"$gt\": 1}}]}");
      try (PreparedStatement ps = c.prepareStatement(filtered + " ORDER BY cid")) {
        ps.setInt(1, 2);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(3);
          assertThat(rs.next()).isFalse();
        }
      }
    }
  }

  @Test
  void collectionsAndTheirColumnsAreInTheMetadataAndADownServerIsSkippedWithAWarning() throws SQLException {
    try (Connection c = connect()) {
      DatabaseMetaData md = c.getMetaData();
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = md.getTables(null, null, "%", null)) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
        }
      }
      assertThat(tables).contains("shop.customers", "shop.people", "main.orders", "geo.cities")
          .noneMatch(t -> t.startsWith("gone."));
      assertThat(String.valueOf(c.getWarnings())).contains("gone");
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = md.getColumns(null, "shop", "customers", "%")) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME"));
        }
      }
      assertThat(columns).containsExactly("_id:VARCHAR", "cid:INTEGER", "name:VARCHAR", "address.city:VARCHAR");
      List<String> indexes = new ArrayList<>();
      try (ResultSet rs = md.getIndexInfo(null, "shop", "customers", false, true)) {
        while (rs.next()) {
          indexes.add(rs.getString("INDEX_NAME") + ":" + rs.getBoolean("NON_UNIQUE") + ":" + rs.getString("COLUMN_NAME")
              + ":" + rs.getString("ASC_OR_DESC"));
        }
      }
      assertThat(indexes).containsExactly("_id_:false:_id:A", "customers_cid:false:cid:A",
          "address.city_-1:true:address.city:D");
    }
  }

  @Test
  void anArrayOfScalarsIsAnArrayColumnThatUnnestWorksOn() throws SQLException {
    try (Connection c = connect()) {
      assertThat(Rows.of(c, "SELECT t.tag, COUNT(*) FROM shop.posts p CROSS JOIN UNNEST(p.tags) AS t(tag)"
          + " GROUP BY t.tag ORDER BY t.tag")).containsExactly("mongo | 1", "sql | 2");
      assertThat(Rows.of(c, "SELECT pid, CARDINALITY(tags) FROM shop.posts ORDER BY pid"))
          .containsExactly("1 | 2", "2 | 1", "3 | 0", "4 | NULL");
      try (ResultSet rs = c.createStatement().executeQuery("SELECT tags FROM shop.posts WHERE pid = 1")) {
        assertThat(rs.next()).isTrue();
        assertThat((Object[]) rs.getArray(1).getArray()).containsExactly("sql", "mongo");
        assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("VARCHAR ARRAY");
      }
    }
  }

  @Test
  void aServerThatIsDownFailsItsQueriesOnlyAndNeverShowsThePassword() throws SQLException {
    long start = System.nanoTime();
    try (Connection c = connect()) {
      assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
      assertThat(Rows.of(c, "SELECT COUNT(*) FROM orders")).containsExactly("4");
      assertThatThrownBy(() -> Rows.of(c, "SELECT * FROM gone.customers"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
          .hasMessageContaining("gone")
          .satisfies(e -> {
            for (Throwable t = e; t != null; t = t.getCause()) {
              assertThat(String.valueOf(t.getMessage())).doesNotContain(PASSWORD);
            }
          });
    }
  }
}
