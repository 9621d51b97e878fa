package io.xsql.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * NATS JetStream streams and RabbitMQ queues read with SQL through the driver, against the servers of this
 * machine: plain queries read what a stream holds now and end, so filters, joins with files and GROUP BY
 * work as on any table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class StreamQueryTest {
  private static final String COLUMNS = "columns: { user_id: BIGINT, url: VARCHAR, ts: TIMESTAMP }, event_time: ts";

  @TempDir
  static Path dir;
  private StreamBrokers brokers;
  private String clicks;
  private Connection connection;

  @BeforeAll
  void start() throws Exception {
    brokers = new StreamBrokers();
    clicks = brokers.stream();
    brokers.publish(clicks, "home", "{\"user_id\": 1, \"url\": \"/\", \"ts\": \"2026-01-01T00:00:00Z\"}");
    brokers.publish(clicks, "shop", "{\"user_id\": 2, \"url\": \"/shop\", \"ts\": \"2026-01-01T00:00:01Z\"}");
    brokers.publish(clicks, "shop", "{\"user_id\": 1, \"url\": \"/shop\", \"ts\": \"2026-01-01T00:00:02Z\"}");
    brokers.publish(clicks, "home", "{\"user_id\": 3, \"url\": \"/\", \"ts\": \"2026-01-01T00:00:03Z\"}");
    Files.writeString(dir.resolve("users.csv"), "id,name\n1,ann\n2,bob\n3,cid\n");
    connection = connect("clicks: { type: nats, url: \"" + StreamBrokers.NATS_URL + "\", stream: " + clicks + ", "
        + COLUMNS + ", watermark: 2s }");
  }

  @AfterAll
  void stop() throws Exception {
    connection.close();
    brokers.close();
  }

  /** A connection whose catalog holds these sources and the users file. */
  private Connection connect(String... sources) throws Exception {
    StringBuilder catalog = new StringBuilder("sources:\n  users: { type: csv, path: users.csv }\n");
    for (String s : sources) {
      catalog.append("  ").append(s).append('\n');
    }
    Path file = dir.resolve("catalog-" + System.nanoTime() + ".yaml");
    Files.writeString(file, catalog);
    return DriverManager.getConnection("jdbc:xsql:catalog=" + file);
  }

  @Test
  void plainSelectReadsTheStoredMessagesThenEnds() throws SQLException {
    assertThat(Rows.of(connection, "SELECT user_id, url, ts FROM clicks")).containsExactly(
        "1 | / | 2026-01-01T00:00", "2 | /shop | 2026-01-01T00:00:01", "1 | /shop | 2026-01-01T00:00:02",
        "3 | / | 2026-01-01T00:00:03");
  }

  @Test
  void filtersJoinsWithFilesAndGroupByWork() throws SQLException {
    assertThat(Rows.of(connection, "SELECT url FROM clicks WHERE user_id = 1 ORDER BY ts"))
        .containsExactly("/", "/shop");
    assertThat(Rows.of(connection, "SELECT u.name, COUNT(*) FROM clicks c JOIN users u ON u.id = c.user_id"
        + " GROUP BY u.name ORDER BY u.name")).containsExactly("ann | 2", "bob | 1", "cid | 1");
  }

  @Test
  void explainShowsTheStreamWithoutSecrets() throws SQLException {
    assertThat(String.join("\n", Rows.of(connection, "EXPLAIN PLAN FOR SELECT * FROM clicks")))
        .contains("nats://127.0.0.1:4222 stream " + clicks, "event_time=ts, watermark=2000ms", "as it stands");
  }
}
