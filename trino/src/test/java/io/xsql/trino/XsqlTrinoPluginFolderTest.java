package io.xsql.trino;

import static io.xsql.trino.XsqlTrinoAnswers.spreadRows;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin folder users copy into a Trino server ({@code target/xsql-plugin}), loaded as a server loads it,
 * in a class loader of its own on every node, on a coordinator and two workers that run the tasks, over files
 * and a MongoDB collection (whose driver then runs from the folder too). The other tests install the plugin
 * from the class path, which hides what the folder lacks: without Jackson's Blackbird in it, a worker could
 * not read a single split. Tagged to run once the module is packaged (see the pom).
 */
@Tag("plugin-folder")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class XsqlTrinoPluginFolderTest {
  /** Lines of the JSON Lines file: enough for several splits of {@link #SPLIT_BYTES}. */
  private static final int PRODUCTS = 20_000;
  private static final int SPLIT_BYTES = 256 << 10;
  private static final int SUPPLIERS = 7;

  @AutoClose
  private XsqlTrinoCluster cluster;
  private final MongoServer mongo = new MongoServer(new MemoryBackend());

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    cluster = XsqlTrinoCluster.startFromFolder("shop", writeCatalog(dir, startMongo()), SPLIT_BYTES,
        Path.of(System.getProperty("xsql.plugin.folder")), Files.createDirectories(dir.resolve("plugin")));
  }

  @AfterAll
  void stop() {
    mongo.shutdownNow();
  }

  /** A MongoDB collection of stock per product: the MongoDB driver in the folder, beside the file sources. */
  private String startMongo() {
    String uri = "mongodb://localhost:" + mongo.bind().getPort() + "/?serverSelectionTimeoutMS=2000";
    try (MongoClient client = MongoClients.create(uri)) {
      for (int i = 1; i <= 100; i++) {
        client.getDatabase("shop").getCollection("stock").insertOne(new Document("_id", i).append("units", i % 9));
      }
    }
    return uri;
  }

  @Test
  void aScanOnTheWorkersReadsWhatEmbeddedXsqlReads() throws SQLException {
    String sql = "SELECT * FROM products";
    List<String> viaTrino = cluster.trinoRows(sql);
    assertThat(viaTrino).hasSize(PRODUCTS).containsExactlyInAnyOrderElementsOf(cluster.xsqlRows(sql));
    String count = "SELECT count(*), sum(price), count(DISTINCT id) FROM products";
    assertThat(spreadRows(cluster.trino(), count, 4, 1000)).containsExactlyElementsOf(cluster.xsqlRows(count));
  }

  @Test
  void aJoinOnTheWorkersReadsWhatEmbeddedXsqlReads() throws SQLException {
    String sql = "SELECT s.name, count(*), sum(p.price), min(p.id) FROM products p JOIN suppliers s "
        + "ON s.id = p.supplier WHERE p.active GROUP BY s.name";
    List<String> viaTrino = cluster.trinoRows(sql);
    assertThat(viaTrino).hasSize(SUPPLIERS).containsExactlyInAnyOrderElementsOf(cluster.xsqlRows(sql));
  }

  @Test
  void aJoinOfAFileAndAMongoDbCollectionReadsWhatEmbeddedXsqlReads() throws SQLException {
    String sql = "SELECT p.supplier, sum(s.units), count(*) FROM products p JOIN docs.stock s ON s._id = p.id "
        + "GROUP BY p.supplier";
    List<String> viaTrino = cluster.trinoRows(sql);
    assertThat(viaTrino).hasSize(SUPPLIERS).containsExactlyInAnyOrderElementsOf(cluster.xsqlRows(sql));
  }

  private static Path writeCatalog(Path dir, String mongoUri) throws IOException {
    StringBuilder products = new StringBuilder();
    for (int i = 1; i <= PRODUCTS; i++) {
      products.append("{\"id\": ").append(i).append(", \"name\": \"product ").append(i)
          .append("\", \"price\": ").append(i % 500).append('.').append(i % 100)
          .append(", \"supplier\": ").append(i % SUPPLIERS).append(", \"active\": ").append(i % 3 != 0)
          .append("}\n");
    }
    Files.writeString(dir.resolve("products.jsonl"), products);
    StringBuilder suppliers = new StringBuilder("id,name\n");
    for (int i = 0; i < SUPPLIERS; i++) {
      suppliers.append(i).append(",supplier ").append(i).append('\n');
    }
    Files.writeString(dir.resolve("suppliers.csv"), suppliers);
    Path file = dir.resolve("sources.yaml");
    Files.writeString(file, """
        sources:
          products: { type: jsonl, path: products.jsonl, columns: { price: "DECIMAL(10,2)" } }
          suppliers: { type: csv, path: suppliers.csv, columns: { id: INTEGER, name: VARCHAR } }
          docs: { type: mongodb, uri: "%s", database: shop }
        """.formatted(mongoUri));
    return file;
  }
}
