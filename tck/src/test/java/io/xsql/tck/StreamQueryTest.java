package io.xsql.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * NATS JetStream streams and RabbitMQ queues read with SQL through the driver, against the servers of this
 * machine: plain queries read what a stream holds now and end, so filters, joins with files and GROUP BY
 * work as on any table; {@code SELECT STREAM} follows the stream until it is canceled, closed or times out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(30)
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
    return StreamClicks.connect(dir, Stream.concat(Stream.of("users: { type: csv, path: users.csv }"),
        Arrays.stream(sources)).toArray(String[]::new));
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

  @Test
  void selectStreamFollowsTheStreamUntilCanceled() throws Exception {
    String events = brokers.stream();
    brokers.publish(events, "a", "{\"user_id\": 1, \"url\": \"/\", \"ts\": \"2026-01-01T00:00:00Z\"}");
    try (Connection c = connect("events: { type: nats, stream: " + events + ", " + COLUMNS + " }");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT STREAM user_id, UPPER(url) AS u FROM events WHERE user_id <> 2")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(1);
      CompletableFuture.runAsync(() -> {
        pause(300);
        brokers.publish(events, "b", "{\"user_id\": 2, \"url\": \"/skip\", \"ts\": \"2026-01-01T00:00:01Z\"}");
        brokers.publish(events, "b", "{\"user_id\": 3, \"url\": \"/later\", \"ts\": \"2026-01-01T00:00:02Z\"}");
      });
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(3);
      assertThat(rs.getString(2)).isEqualTo("/LATER");
      later(s::cancel);
      long start = System.nanoTime();
      assertThatThrownBy(rs::next).isInstanceOfSatisfying(SQLException.class,
          e -> assertThat(e.getSQLState()).isEqualTo("57014"));
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(200L, 1300L);
      assertThat(Rows.of(c, "SELECT COUNT(*) FROM events")).containsExactly("3");
    }
  }

  @Test
  void closingTheStatementFromAnotherThreadEndsTheStream() throws Exception {
    Statement s = connection.createStatement();
    ResultSet rs = s.executeQuery("SELECT STREAM user_id FROM clicks");
    for (int i = 0; i < 4; i++) {
      assertThat(rs.next()).isTrue();
    }
    CompletableFuture<Void> close = later(s::close);
    long start = System.nanoTime();
    try {
      assertThat(rs.next()).isFalse();
    } catch (SQLException e) {
      assertThat(e.getSQLState()).isIn("57014", "HY010");
    }
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1300);
    close.join();
    assertThat(Rows.of(connection, "SELECT COUNT(*) FROM clicks")).containsExactly("4");
  }

  @Test
  void selectStreamJoinsAFile() throws Exception {
    // The stream is the join's probe side, so rows flow; the file is hashed.
    assertThat(String.join("\n", Rows.of(connection,
        "EXPLAIN PLAN FOR SELECT STREAM c.url, u.name FROM clicks c JOIN users u ON u.id = c.user_id")))
        .containsPattern("EnumerableHashJoin.*\\n *XsqlEnumerableScan\\(table=\\[\\[main, clicks, \\(STREAM\\)]]");
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT STREAM c.url, u.name FROM clicks c JOIN users u ON u.id = c.user_id")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1) + " " + rs.getString(2)).isEqualTo("/ ann");
    }
  }

  @Test
  void selectStreamFollowsAJsonLinesFile() throws Exception {
    Path log = dir.resolve("app.jsonl");
    Files.writeString(log, "{\"level\": \"info\", \"msg\": \"up\"}\n");
    try (Connection c = connect("applog: { type: jsonl, path: app.jsonl, follow: true,"
        + " columns: { level: VARCHAR, msg: VARCHAR } }");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT STREAM msg FROM applog WHERE level = 'error'")) {
      CompletableFuture<Void> writer = later(() -> Files.writeString(log,
          "{\"level\": \"debug\", \"msg\": \"x\"}\n{\"level\": \"error\", \"msg\": \"disk\"}\n",
          java.nio.file.StandardOpenOption.APPEND));
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("disk");
      writer.join();
      later(s::cancel);
      assertThatThrownBy(rs::next).isInstanceOfSatisfying(SQLException.class,
          e -> assertThat(e.getSQLState()).isEqualTo("57014"));
      assertThat(Rows.of(c, "SELECT COUNT(*) FROM applog")).containsExactly("3");
    }
  }

  @Test
  void selectStreamEndsAtTheQueryTimeout() throws Exception {
    try (Statement s = connection.createStatement()) {
      s.setQueryTimeout(1);
      long start = System.nanoTime();
      assertThatThrownBy(() -> {
        try (ResultSet rs = s.executeQuery("SELECT STREAM * FROM clicks")) {
          while (rs.next()) {
            assertThat(rs.getLong(1)).isPositive();
          }
        }
      }).isInstanceOfSatisfying(SQLTimeoutException.class, e -> assertThat(e.getSQLState()).isEqualTo("HYT00"));
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2500);
    }
  }

  @Test
  void selectStreamOverATableThatIsNoStreamFails() {
    assertThatThrownBy(() -> Rows.of(connection, "SELECT STREAM * FROM users"))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42000"))
        .hasMessageContaining("Cannot convert table 'users' to stream");
  }

  @Test
  void selectStreamJoiningTwoStreamsOrKeepingATablesRowsIsRefused() {
    for (String sql : List.of("SELECT STREAM a.url FROM clicks a JOIN clicks b ON a.user_id = b.user_id",
        "SELECT STREAM c.url, u.name FROM clicks c RIGHT JOIN users u ON u.id = c.user_id",
        "SELECT STREAM c.url, u.name FROM clicks c FULL JOIN users u ON u.id = c.user_id")) {
      assertThatThrownBy(() -> Rows.of(connection, sql)).as(sql).isInstanceOfSatisfying(SQLException.class,
          e -> assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("0A000")).hasMessageContaining("SELECT STREAM");
    }
  }

  @Test
  void queueMessagesNotHandedOutStayForTheNextReader() throws Exception {
    String queue = brokers.queue();
    for (int i = 1; i <= 5; i++) {
      brokers.send(queue, "{\"user_id\": " + i + ", \"url\": \"/" + i + "\", \"ts\": 1767225600000}");
    }
    try (Connection c = connect("trades: { type: rabbitmq, uri: \"" + StreamBrokers.AMQP_URI + "\", queue: " + queue
        + ", prefetch: 10, " + COLUMNS + " }")) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT STREAM user_id FROM trades")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(2);
        s.cancel();
        assertThatThrownBy(rs::next).isInstanceOfSatisfying(SQLException.class,
            e -> assertThat(e.getSQLState()).isEqualTo("57014"));
      }
      assertThat(Rows.of(c, "SELECT user_id, url, ts FROM trades")).containsExactly(
          "3 | /3 | 2026-01-01T00:00", "4 | /4 | 2026-01-01T00:00", "5 | /5 | 2026-01-01T00:00");
      assertThat(Rows.of(c, "SELECT COUNT(*) FROM trades")).containsExactly("0");
    }
  }

  @Test
  void unreachableServerAndUnknownStreamFailWithTheirStates() throws Exception {
    try (Connection c = connect("down: { type: nats, url: \"nats://127.0.0.1:1\", stream: X, " + COLUMNS + " }",
        "gone: { type: nats, stream: NO_SUCH_STREAM_TCK, " + COLUMNS + " }",
        "lost: { type: rabbitmq, uri: \"amqp://guest:guest@127.0.0.1:1\", queue: q, " + COLUMNS + " }",
        "nowhere: { type: rabbitmq, queue: tck-no-such-queue, " + COLUMNS + " }")) {
      for (String table : new String[] {"down", "lost"}) {
        assertThatThrownBy(() -> Rows.of(c, "SELECT * FROM " + table)).isInstanceOfSatisfying(SQLException.class,
            e -> assertThat(e.getSQLState()).isEqualTo("08001")).hasMessageContaining("source '" + table + "'");
      }
      assertThatThrownBy(() -> Rows.of(c, "SELECT STREAM * FROM gone")).isInstanceOfSatisfying(SQLException.class,
          e -> assertThat(e.getSQLState()).isEqualTo("42S02")).hasMessageContaining("NO_SUCH_STREAM_TCK");
      assertThatThrownBy(() -> Rows.of(c, "SELECT * FROM nowhere")).isInstanceOfSatisfying(SQLException.class,
          e -> assertThat(e.getSQLState()).isEqualTo("42S02")).hasMessageContaining("tck-no-such-queue");
    }
  }

  /** What another thread does to a statement or a file. */
  private interface StatementAction {
    void run() throws Exception;
  }

  /** Runs the action on another thread after 300 ms, while this one waits in {@code next()}. */
  private static CompletableFuture<Void> later(StatementAction action) {
    return CompletableFuture.runAsync(() -> {
      pause(300);
      try {
        action.run();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
