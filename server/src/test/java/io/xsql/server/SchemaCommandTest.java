package io.xsql.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code xsql schema} against a MongoDB wire-protocol server: the contract it writes is read back through
 * {@code schema:}, queries then see drift, and {@code --diff} lists how the data departs from it.
 */
final class SchemaCommandTest {
  @TempDir
  Path dir;
  private final MongoServer server = new MongoServer(new MemoryBackend());
  private MongoClient client;
  private String uri;

  @BeforeEach
  void start() {
    uri = "mongodb://localhost:" + server.bind().getPort() + "/?serverSelectionTimeoutMS=2000";
    client = MongoClients.create(uri);
    client.getDatabase("shop").getCollection("orders").insertMany(List.of(
        new Document("_id", 1).append("total", 5.5).append("status", "open"),
        new Document("_id", 2).append("total", 7.0).append("status", "done").append("note", "x")));
  }

  @AfterEach
  void stop() {
    client.close();
    server.shutdownNow();
  }

  private Path catalog(String extra) throws IOException {
    Files.writeString(dir.resolve("none.csv"), "a\n1\n");
    Path catalog = dir.resolve("catalog.yaml");
    Files.writeString(catalog, "sources:\n  shop: { type: mongodb, uri: \"" + uri + "\", database: shop" + extra
        + " }\n  files: { type: csv, path: " + dir.resolve("none.csv") + " }\n");
    return catalog;
  }

  @Test
  void theWrittenContractIsReadBackAndQueriesReportDrift() throws Exception {
    CommandRun run = CommandRun.of("schema", "--catalog", catalog("").toString(), "shop");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("tables:\n  \"orders\":\n    sampled: 2\n    columns:\n")
        .contains("\"_id\": { type: \"INTEGER\", kinds: [\"int\"], nullable: false }")
        .contains("\"total\": { type: \"DOUBLE\", kinds: [\"double\"], nullable: false }")
        .contains("\"note\": { type: \"VARCHAR\", kinds: [\"string\"], nullable: true }");
    Path contract = dir.resolve("shop.schema.yaml");
    Files.writeString(contract, run.out().replace("\"DOUBLE\"", "\"DECIMAL(10,2)\""));

    MongoCollection<Document> orders = client.getDatabase("shop").getCollection("orders");
    orders.insertOne(new Document("_id", 3).append("total", 9).append("status", "open").append("extra", true));
    try (Connection c = DriverManager.getConnection("jdbc:xsql:catalog=" + catalog(", schema: " + contract));
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
            "SELECT _id, total FROM shop.orders ORDER BY _id")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getInt(1) + "=" + rs.getBigDecimal(2));
      }
      assertThat(rows).containsExactly("1=5.50", "2=7.00", "3=9.00");
      assertThat(warnings(rs.getWarnings(), s.getWarnings())).anySatisfy(w -> assertThat(w)
          .contains("1 value in source 'shop', collection 'orders' departed from the schema contract")
          .contains("_id=3: field 'total' holds a int value; the contract lists double"));
    }

    CommandRun diff = CommandRun.of("schema", "--catalog", catalog("").toString(), "--diff", contract.toString(),
        "shop");
    assertThat(diff.code()).isEqualTo(XsqlCommand.FAILED);
    assertThat(diff.out()).contains("table 'orders': field 'total' is inferred as DOUBLE, the contract says"
        + " DECIMAL(10,2)", "table 'orders': field 'total' holds int values, not listed in the contract",
        "table 'orders': field 'extra' (BOOLEAN) is not in the contract");
  }

  @Test
  void sourcesThatDeclareTheirTypesAndUnknownSourcesAreRefused() throws Exception {
    assertThat(CommandRun.of("schema", "--catalog", catalog("").toString(), "files").err())
        .contains("declares its tables' types itself");
    assertThat(CommandRun.of("schema", "--catalog", catalog("").toString(), "nope").err())
        .contains("no source named 'nope'");
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, "tables:\n  orders:\n    columns:\n      total: { type: MONEY }\n");
    CommandRun run = CommandRun.of("schema", "--catalog", catalog("").toString(), "--diff", broken.toString(),
        "shop");
    assertThat(run.code()).isEqualTo(XsqlCommand.FAILED);
    assertThat(run.err()).contains("broken.yaml:4").contains("unknown type 'MONEY'");
  }

  private static List<String> warnings(SQLWarning... chains) {
    List<String> out = new ArrayList<>();
    for (SQLWarning w : chains) {
      for (; w != null; w = w.getNextWarning()) {
        out.add(w.getMessage());
      }
    }
    return out;
  }
}
