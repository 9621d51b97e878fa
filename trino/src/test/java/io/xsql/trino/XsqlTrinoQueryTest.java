package io.xsql.trino;

import static io.xsql.trino.XsqlTrinoAnswers.rows;
import static io.xsql.trino.XsqlTrinoAnswers.spreadRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.trino.testing.MaterializedResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin in a Trino cluster of a coordinator and two workers in this JVM: the same rows as embedded
 * xsql, splits that read each record once, and errors that name the catalog or the source.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class XsqlTrinoQueryTest {
  /** Lines of the large JSON Lines file: enough for several splits of {@link #SPLIT_BYTES}. */
  private static final int EVENTS = 120_000;
  private static final int SPLIT_BYTES = 1 << 20;

  private Path dir;
  @AutoClose
  private XsqlTrinoCluster cluster;
  private final MongoServer mongo = new MongoServer(new MemoryBackend());

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    this.dir = dir;
    String mongoUri = startMongo();
    Path catalog = writeCatalog(dir, mongoUri);
    cluster = XsqlTrinoCluster.start("shop", catalog, SPLIT_BYTES);
  }

  @AfterAll
  void stop() {
    mongo.shutdownNow();
  }

  /** A MongoDB collection with nested documents (columns "a.b"), arrays, decimals and dates. */
  private String startMongo() {
    String uri = "mongodb://localhost:" + mongo.bind().getPort() + "/?serverSelectionTimeoutMS=2000";
    try (MongoClient client = MongoClients.create(uri)) {
      MongoCollection<Document> orders = client.getDatabase("shop").getCollection("orders");
      for (int i = 1; i <= 50; i++) {
        orders.insertOne(new Document("_id", i)
            .append("customer", new Document("name", "c" + i % 7).append("city", i % 3 == 0 ? null : "x" + i))
            .append("total", new Decimal128(new BigDecimal(i + ".25")))
            .append("tags", i % 4 == 0 ? List.of() : List.of("t" + i, "u"))
            .append("placed", new Date(1_700_000_000_000L + i * 3_600_000L)));
      }
    }
    return uri;
  }

  @Test
  void sameRowsAsEmbeddedXsql() throws SQLException {
    for (String table : List.of("people", "orders", "parts", "docs.orders")) {
      String sql = "SELECT * FROM " + table;
      List<String> viaTrino = cluster.trinoRows(sql);
      List<String> viaXsql = cluster.xsqlRows(sql);
      assertThat(viaTrino).as(table).isNotEmpty().containsExactlyInAnyOrderElementsOf(viaXsql);
      assertThat(viaXsql).as(table).containsExactlyInAnyOrderElementsOf(viaTrino);
    }
  }

  @Test
  void aMongoDbSourceIsASchemaWithNestedColumns() throws SQLException {
    assertThat(cluster.trinoRows("SHOW TABLES FROM docs")).containsExactly("[orders]");
    String sql = "SELECT \"customer.name\", count(*), sum(total) FROM docs.orders "
        + "WHERE \"customer.city\" IS NOT NULL AND _id > 10 GROUP BY \"customer.name\"";
    assertThat(cluster.trinoRows(sql)).hasSize(7).containsExactlyInAnyOrderElementsOf(cluster.xsqlRows(sql));
  }

  @Test
  void sameTypesAsEmbeddedXsql() {
    MaterializedResult columns = cluster.trino().execute("SELECT column_name, data_type, is_nullable "
        + "FROM information_schema.columns WHERE table_schema = 'main' AND table_name = 'people' "
        + "ORDER BY ordinal_position");
    assertThat(rows(columns)).containsExactly("[id, integer, YES]", "[name, varchar, YES]",
        "[score, decimal(10,2), YES]", "[born, date, YES]", "[seen, timestamp(3), YES]",
        "[active, boolean, YES]");
  }

  @Test
  void filtersAndLimitsKeepTheAnswer() throws SQLException {
    for (String sql : List.of("SELECT id, name FROM people WHERE id >= 2 AND name <> 'b'",
        "SELECT id FROM people WHERE name IN ('a', 'c') OR score IS NULL",
        "SELECT id FROM orders WHERE total BETWEEN 1.5 AND 20 AND shipped = DATE '2024-01-02'",
        "SELECT count(*) FROM parts WHERE id < 100")) {
      assertThat(cluster.trinoRows(sql)).as(sql).containsExactlyInAnyOrderElementsOf(cluster.xsqlRows(sql));
    }
    assertThat(cluster.trino().execute("SELECT * FROM events LIMIT 7").getRowCount()).isEqualTo(7);
  }

  @Test
  void aMultiFileSourceSplitsByFile() {
    assertThat(cluster.trinoRows("SELECT count(*), sum(id), count(DISTINCT id) FROM parts"))
        .containsExactly("[400, 80200, 400]");
  }

  @Test
  void aLargeJsonLinesFileSplitsByByteRangeReadingEachRecordOnce() throws IOException {
    long size = Files.size(dir.resolve("events.jsonl"));
    assertThat(size).isGreaterThan(4L * SPLIT_BYTES);
    long n = EVENTS;
    assertThat(cluster.trinoRows("SELECT count(*), sum(id), count(DISTINCT id) FROM events"))
        .containsExactly("[" + n + ", " + n * (n + 1) / 2 + ", " + n + "]");
  }

  @Test
  void theSplitsOfAFileSpreadOverTheNodes() {
    assertThat(spreadRows(cluster.trino(), "SELECT count(*) FROM events", 4, 1000)).containsExactly("[" + EVENTS + "]");
  }

  @Test
  void aMissingCatalogFileIsATrinoErrorNamingIt() {
    Path missing = dir.resolve("nowhere/sources.yaml");
    cluster.trino().createCatalog("broken", "xsql", Map.of("xsql.catalog", missing.toString()));
    assertThatThrownBy(() -> cluster.trino().execute("SHOW SCHEMAS FROM broken"))
        .hasMessageContaining(missing.toString()).hasMessageContaining("catalog file not found");
  }

  @Test
  void aMissingSourceFileIsATrinoErrorNamingTheSource() throws IOException {
    Path file = dir.resolve("lost.yaml");
    Files.writeString(file, "sources:\n  lost: { type: csv, path: gone.csv }\n");
    cluster.trino().createCatalog("lost", "xsql", Map.of("xsql.catalog", file.toString()));
    assertThatThrownBy(() -> cluster.trino().execute("SELECT * FROM lost.main.lost"))
        .hasMessageContaining("source 'lost'").hasMessageContaining("gone.csv");
  }

  @Test
  void aSourceThatIsDownIsATrinoErrorNamingItWithoutItsSecret() throws IOException {
    Files.writeString(dir.resolve("secret.txt"), "s3cr3t-pw\n");
    Path file = dir.resolve("down.yaml");
    Files.writeString(file, """
        sources:
          down:
            type: mongodb
            uri: "mongodb://app:${file:secret.txt}@127.0.0.1:1/?serverSelectionTimeoutMS=300"
            database: shop
        """);
    cluster.trino().createCatalog("down", "xsql", Map.of("xsql.catalog", file.toString()));
    assertThatThrownBy(() -> cluster.trino().execute("SHOW TABLES FROM down.down"))
        .hasMessageContaining("source 'down'")
        .satisfies(e -> assertThat(stackText(e)).doesNotContain("s3cr3t-pw"));
  }

  /** A failure with all its causes, as a log would show it. */
  private static String stackText(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  @Test
  void aDatabaseSourceIsLeftToTrinosOwnConnectorsSaying() {
    assertThat(cluster.trinoRows("SHOW SCHEMAS FROM shop")).doesNotContain("[crm]");
    assertThatThrownBy(() -> cluster.trino().execute("SELECT * FROM shop.crm.customers"))
        .hasMessageContaining("source 'crm' is a database, which the xsql connector does not serve");
  }

  private static Path writeCatalog(Path dir, String mongoUri) throws IOException {
    Files.writeString(dir.resolve("people.csv"), """
        id,name,score,born,seen,active
        1,a,1.50,2000-01-31,2024-05-06 07:08:09.123,true
        2,b,,1999-12-31,2024-05-06 00:00:00,false
        3,c,-20.25,,,
        4,,0.00,2024-02-29,2023-12-31 23:59:59.999,true
        """);
    Files.writeString(dir.resolve("orders.jsonl"), """
        {"id": 10, "person": 1, "total": 12.5, "shipped": "2024-01-02", "note": "first"}
        {"id": 11, "person": 2, "total": 1.25, "shipped": "2024-01-03", "note": null}
        {"id": 12, "person": 1, "total": 19.99, "shipped": "2024-01-02"}
        """);
    Path parts = Files.createDirectories(dir.resolve("parts"));
    for (int f = 0; f < 4; f++) {
      StringBuilder csv = new StringBuilder("id,label\n");
      for (int i = 1; i <= 100; i++) {
        int id = f * 100 + i;
        // A quoted line break in every tenth record: files split whole, so none is cut.
        csv.append(id).append(",\"part ").append(id).append(i % 10 == 0 ? "\nsecond line" : "").append("\"\n");
      }
      Files.writeString(parts.resolve("part-" + f + ".csv"), csv);
    }
    StringBuilder events = new StringBuilder();
    for (int i = 1; i <= EVENTS; i++) {
      events.append("{\"id\": ").append(i).append(", \"kind\": \"k").append(i % 7)
          .append("\", \"detail\": \"some text to make the file a few megabytes\"}\n");
    }
    Files.writeString(dir.resolve("events.jsonl"), events);
    Path file = dir.resolve("sources.yaml");
    Files.writeString(file, """
        sources:
          people:
            type: csv
            path: people.csv
            columns:
              { id: INTEGER, name: VARCHAR, score: "DECIMAL(10,2)", born: DATE, seen: TIMESTAMP, active: BOOLEAN }
          orders: { type: jsonl, path: orders.jsonl, columns: { total: "DECIMAL(10,2)", shipped: DATE } }
          parts: { type: csv, path: "parts/part-*.csv", columns: { id: INTEGER } }
          events: { type: jsonl, path: events.jsonl }
          crm: { type: postgres, url: "jdbc:postgresql://127.0.0.1:1/none" }
          docs: { type: mongodb, uri: "%s", database: shop }
        """.formatted(mongoUri));
    return file;
  }
}
