package io.xsql.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Clicks for the tests of windows over streams, each with its time given in the data so that results are
 * exact, and the helpers that read a continuous query's rows as they come.
 */
final class StreamClicks {
  static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  static final String COLUMNS = "columns: { user_id: BIGINT, url: VARCHAR, ts: TIMESTAMP }, event_time: ts";
  private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
      .withZone(ZoneOffset.UTC);

  private StreamClicks() {}

  /** One click: a user and its time in milliseconds since 1970. */
  record Click(long user, long ts) {
    String json() {
      return "{\"user_id\": " + user + ", \"url\": \"/" + user + "\", \"ts\": \"" + Instant.ofEpochMilli(ts) + "\"}";
    }
  }

  /**
   * {@code n} clicks of users 1 to {@code users}, up to 4 s apart, in the order they are sent: each is less
   * than 8 s behind the latest one sent before it (neighbours swapped), so that with a watermark of 10 s none
   * is late.
   */
  static List<Click> clicks(long seed, int n, int users) {
    Random random = new Random(seed);
    List<Click> out = new ArrayList<>();
    long ts = T0;
    for (int i = 0; i < n; i++) {
      ts += random.nextInt(4000);
      out.add(new Click(1 + random.nextInt(users), ts));
    }
    for (int i = 1; i < out.size(); i += 2) {
      if (random.nextBoolean()) {
        Collections.swap(out, i - 1, i);
      }
    }
    return out;
  }

  /** A time as the driver's {@code getString} gives a TIMESTAMP: {@code 2026-01-01 00:00:00.000}. */
  static String time(long millis) {
    return SQL_TIME.format(Instant.ofEpochMilli(millis));
  }

  /** A connection whose catalog, written in {@code dir}, holds these sources. */
  static Connection connect(Path dir, String... sources) throws Exception {
    StringBuilder catalog = new StringBuilder("sources:\n");
    for (String s : sources) {
      catalog.append("  ").append(s).append('\n');
    }
    Path file = dir.resolve("catalog-" + System.nanoTime() + ".yaml");
    Files.writeString(file, catalog);
    return DriverManager.getConnection("jdbc:xsql:catalog=" + file);
  }

  /** A catalog entry for a JetStream stream of clicks, with {@code timing} ({@code watermark: 2s}). */
  static String natsSource(String name, String stream, String timing) {
    return name + ": { type: nats, url: \"" + StreamBrokers.NATS_URL + "\", stream: " + stream + ", " + COLUMNS
        + ", " + timing + " }";
  }

  /** The next {@code n} rows, every column's text joined by {@code |}. */
  static List<String> next(ResultSet rs, int n) throws SQLException {
    List<String> out = new ArrayList<>();
    int columns = rs.getMetaData().getColumnCount();
    while (out.size() < n && rs.next()) {
      List<String> values = new ArrayList<>();
      for (int i = 1; i <= columns; i++) {
        values.add(rs.getString(i));
      }
      out.add(String.join(" | ", values));
    }
    return out;
  }

  /** Reads the rows on another thread as they come, into a queue the test polls with its own timeouts. */
  static BlockingQueue<String> reader(ResultSet rs) {
    BlockingQueue<String> rows = new LinkedBlockingQueue<>();
    CompletableFuture.runAsync(() -> {
      try {
        while (true) {
          List<String> row = next(rs, 1);
          if (row.isEmpty()) {
            return;
          }
          rows.add(row.get(0));
        }
      } catch (SQLException e) {
        // The result set was closed at the end of the test.
      }
    });
    return rows;
  }

  /** Cancels {@code s} in 300 ms: the row {@code rs} waits for fails with 57014 within a second of it. */
  static void assertCancelEndsTheWait(Statement s, ResultSet rs) {
    CompletableFuture.runAsync(() -> {
      pause(300);
      try {
        s.cancel();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    long start = System.nanoTime();
    assertThatThrownBy(rs::next).isInstanceOfSatisfying(SQLException.class,
        e -> assertThat(e.getSQLState()).isEqualTo("57014"));
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(250L, 1300L);
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
