package io.xsql.trino;

import static io.xsql.trino.XsqlTrinoAnswers.rows;
import static io.xsql.trino.XsqlTrinoAnswers.spreadRows;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Splits of MongoDB collections ({@code _id} ranges) and of API listings with offset and page paging (page
 * ranges) in a Trino cluster of a coordinator and two workers: spread over the nodes, each record read once,
 * and the same rows as embedded xsql.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class XsqlTrinoPartsTest {
  private static final int RECORDS = 5_000;
  /** Small, so that a few hundred kilobytes make several splits. */
  private static final int SPLIT_BYTES = 64 * 1024;
  private static final List<String> TABLES = List.of("docs.events", "api.items", "api.pages");

  private final MongoServer mongo = new MongoServer(new MemoryBackend());
  private HttpServer api;
  @AutoClose
  private XsqlTrinoCluster cluster;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    String mongoUri = "mongodb://localhost:" + mongo.bind().getPort() + "/?serverSelectionTimeoutMS=2000";
    try (MongoClient client = MongoClients.create(mongoUri)) {
      client.getDatabase("shop").getCollection("events").insertMany(IntStream.rangeClosed(1, RECORDS)
          .mapToObj(i -> new Document("n", i).append("kind", "k" + i % 7).append("note", note(i))).toList());
    }
    api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    api.createContext("/items", this::items);
    api.start();
    Path catalog = dir.resolve("sources.yaml");
    Files.writeString(catalog, """
        sources:
          docs: { type: mongodb, uri: "%s", database: shop, collections: { events: { hidden: [_id] } } }
          api:
            type: rest
            url: "http://127.0.0.1:%d"
            tables:
              items: { path: /items, records: /data, paging: { type: offset, page_size: 50 } }
              pages:
                path: /items
                records: /data
                paging: { type: page, page_param: page, size_param: per_page, page_size: 40 }
        """.formatted(mongoUri, api.getAddress().getPort()));
    cluster = XsqlTrinoCluster.start("shop", catalog, SPLIT_BYTES);
  }

  @AfterAll
  void stop() {
    if (api != null) {
      api.stop(0);
    }
    mongo.shutdownNow();
  }

  private static String note(int i) {
    return "record " + i + " with some text to make it about a hundred bytes long";
  }

  /** Both paging kinds: {@code ?offset=&limit=} and {@code ?page=&per_page=} (pages from 1). */
  private void items(HttpExchange exchange) throws IOException {
    Map<String, Integer> query = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    for (String pair : raw == null ? new String[0] : raw.split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(kv[0], Integer.parseInt(kv[1]));
    }
    int size = query.getOrDefault("limit", query.getOrDefault("per_page", RECORDS));
    int from = query.containsKey("page") ? (query.get("page") - 1) * size : query.getOrDefault("offset", 0);
    String records = IntStream.rangeClosed(from + 1, Math.min(RECORDS, from + size))
        .mapToObj(i -> "{\"n\": " + i + ", \"kind\": \"k" + i % 7 + "\", \"note\": \"" + note(i) + "\"}")
        .collect(Collectors.joining(","));
    byte[] body = ("{\"data\": [" + records + "]}").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Test
  void eachTableSplitsOverBothWorkersReadingEachRecordOnce() {
    long n = RECORDS;
    for (String table : TABLES) {
      assertThat(spreadRows(cluster.trino(), "SELECT count(*) FROM " + table, 4, 100)).as(table)
          .containsExactly("[" + n + "]");
      assertThat(cluster.trinoRows("SELECT count(*), sum(n), count(DISTINCT n) FROM " + table)).as(table)
          .containsExactly("[" + n + ", " + n * (n + 1) / 2 + ", " + n + "]");
    }
  }

  @Test
  void theSameRowsAsEmbeddedXsql() throws SQLException {
    for (String table : TABLES) {
      String sql = "SELECT n, kind, note FROM " + table + " WHERE mod(n, 3) = 0";
      List<String> viaTrino = cluster.trinoRows(sql);
      List<String> viaXsql = cluster.xsqlRows(sql);
      assertThat(viaTrino).as(table).hasSize(RECORDS / 3).containsExactlyInAnyOrderElementsOf(viaXsql);
      assertThat(viaXsql).as(table).containsExactlyInAnyOrderElementsOf(viaTrino);
    }
  }

  @Test
  void aLimitStillHoldsOverSplits() {
    for (String table : TABLES) {
      assertThat(cluster.trinoRows("SELECT n FROM " + table + " LIMIT 17")).as(table).hasSize(17)
          .doesNotHaveDuplicates();
    }
  }
}
