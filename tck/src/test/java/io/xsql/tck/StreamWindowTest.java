package io.xsql.tck;

import static io.xsql.tck.StreamClicks.COLUMNS;
import static io.xsql.tck.StreamClicks.T0;
import static io.xsql.tck.StreamClicks.assertCancelEndsTheWait;
import static io.xsql.tck.StreamClicks.clicks;
import static io.xsql.tck.StreamClicks.natsSource;
import static io.xsql.tck.StreamClicks.next;
import static io.xsql.tck.StreamClicks.reader;
import static io.xsql.tck.StreamClicks.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.tck.StreamClicks.Click;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Windows over streams (TUMBLE, HOP, SESSION) through the driver, against the NATS JetStream server and
 * RabbitMQ broker of this machine and a followed JSON Lines file: under {@code SELECT STREAM} a GROUP BY over
 * a window emits each window's groups once the watermark passes its end, and the counts equal a reference
 * computed here from the events' own times; without STREAM the same query reads what the stream holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
final class StreamWindowTest {
  private static final String TUMBLE_COUNTS = "SELECT %s window_start, user_id, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE"
      + " %s, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end, user_id";

  private static final String USERS = "users: { type: csv, path: users.csv }";

  @TempDir
  static Path dir;
  private StreamBrokers brokers;

  @BeforeAll
  void start() throws Exception {
    brokers = new StreamBrokers();
    Files.writeString(dir.resolve("users.csv"), "id,name\n1,ann\n2,bob\n");
  }

  @AfterAll
  void stop() throws Exception {
    brokers.close();
  }

  /** The expected rows of {@code window_start | user_id | n} for windows of these starts per click. */
  private static List<String> reference(List<Click> clicks, long size, long slide) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Click c : clicks) {
      for (long start = c.ts() - Math.floorMod(c.ts(), slide); start > c.ts() - size; start -= slide) {
        counts.merge(time(start) + " | " + c.user(), 1, Integer::sum);
      }
    }
    return counts.entrySet().stream().map(e -> e.getKey() + " | " + e.getValue()).toList();
  }

  /** The expected sessions {@code window_start | window_end | user_id | n}: clicks of a user less than gap apart. */
  private static List<String> sessions(List<Click> clicks, long gap) {
    Map<Long, List<Long>> byUser = clicks.stream().collect(Collectors.groupingBy(Click::user, TreeMap::new,
        Collectors.mapping(Click::ts, Collectors.toList())));
    List<String> out = new ArrayList<>();
    byUser.forEach((user, times) -> {
      Collections.sort(times);
      int first = 0;
      for (int i = 1; i <= times.size(); i++) {
        if (i == times.size() || times.get(i) >= times.get(i - 1) + gap) {
          out.add(time(times.get(first)) + " | "
              + time(times.get(i - 1) + gap) + " | " + user + " | " + (i - first));
          first = i;
        }
      }
    });
    return out;
  }

  @Test
  void tumblingWindowsOverNatsEqualTheReferenceStreamedAndAsTheStreamStands() throws Exception {
    List<Click> clicks = clicks(1, 300, 5);
    String stream = brokers.stream();
    clicks.forEach(c -> brokers.publish(stream, "c", c.json()));
    List<String> expected = reference(clicks, 60_000, 60_000);
    try (Connection c = connect(natsSource("clicks", stream, "watermark: 10s, idle_timeout: 1s"))) {
      assertThat(String.join("\n", Rows.of(c, "EXPLAIN PLAN FOR " + TUMBLE_COUNTS.formatted("STREAM", "clicks"))))
          .contains("XsqlWindowAggregate(window=[TUMBLE(size=60000ms), watermark=10000ms, idle_timeout=1000ms]");
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(TUMBLE_COUNTS.formatted("STREAM", "clicks"))) {
        List<String> rows = next(rs, expected.size());
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
        // Windows are emitted as the watermark passes their ends, so in the order of their starts.
        assertThat(rows.stream().map(r -> r.substring(0, 23)).toList()).isSorted();
        assertThat((Throwable) rs.getWarnings()).isNull();
      }
      assertThat(next(c.createStatement().executeQuery(TUMBLE_COUNTS.formatted("", "clicks")), Integer.MAX_VALUE))
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void hoppingWindowsOverRabbitMqEqualTheReference() throws Exception {
    List<Click> clicks = clicks(2, 300, 5);
    String queue = brokers.queue();
    clicks.forEach(c -> brokers.send(queue, c.json()));
    List<String> expected = reference(clicks, 60_000, 30_000);
    try (Connection c = connect("trades: { type: rabbitmq, uri: \"" + StreamBrokers.AMQP_URI + "\", queue: " + queue
        + ", " + COLUMNS + ", watermark: 10s, idle_timeout: 1s }");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT STREAM window_start, user_id, COUNT(*) AS n FROM TABLE(HOP(TABLE"
            + " trades, DESCRIPTOR(ts), INTERVAL '30' SECOND, INTERVAL '1' MINUTE))"
            + " GROUP BY window_start, window_end, user_id")) {
      assertThat(next(rs, expected.size())).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void sessionWindowsOverAFollowedFileEqualTheReference() throws Exception {
    List<Click> clicks = clicks(3, 300, 5);
    Path log = dir.resolve("clicks-" + System.nanoTime() + ".jsonl");
    Files.writeString(log, clicks.subList(0, 100).stream().map(c -> c.json() + "\n").collect(Collectors.joining()));
    List<String> expected = sessions(clicks, 10_000);
    try (Connection c = connect("applog: { type: jsonl, path: " + log.getFileName() + ", follow: true, "
        + COLUMNS + ", watermark: 10s, idle_timeout: 1s }");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT STREAM window_start, window_end, user_id, COUNT(*) AS n FROM"
            + " TABLE(SESSION(TABLE applog, DESCRIPTOR(ts), DESCRIPTOR(user_id), INTERVAL '10' SECOND))"
            + " GROUP BY window_start, window_end, user_id")) {
      CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
        try {
          Files.writeString(log, clicks.subList(100, clicks.size()).stream().map(x -> x.json() + "\n")
              .collect(Collectors.joining()), StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
          throw new IllegalStateException(e);
        }
      });
      assertThat(next(rs, expected.size())).containsExactlyInAnyOrderElementsOf(expected);
      writer.join();
    }
  }

  @Test
  void aWindowIsEmittedOnceWhenTheWatermarkPassesItsEndAndLateEventsAreReported() throws Exception {
    String stream = brokers.stream();
    brokers.publish(stream, "c", new Click(1, T0).json());
    brokers.publish(stream, "c", new Click(1, T0 + 30_000).json());
    brokers.publish(stream, "c", new Click(2, T0 + 61_000).json());
    try (Connection c = connect(natsSource("clicks", stream, "watermark: 2s"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(TUMBLE_COUNTS.formatted("STREAM", "clicks"))) {
      BlockingQueue<String> rows = reader(rs);
      // The watermark is 61 s - 2 s: the first minute is still open.
      assertThat(rows.poll(700, TimeUnit.MILLISECONDS)).isNull();
      brokers.publish(stream, "c", new Click(2, T0 + 62_000).json());
      assertThat(rows.poll(5, TimeUnit.SECONDS)).isEqualTo("2026-01-01 00:00:00.000 | 1 | 2");
      assertThat(rows.poll(300, TimeUnit.MILLISECONDS)).isNull();
      // Late: its minute was emitted; an event out of order within the watermark is not late.
      brokers.publish(stream, "c", new Click(1, T0 + 10_000).json());
      brokers.publish(stream, "c", new Click(3, T0 + 121_000).json());
      brokers.publish(stream, "c", new Click(3, T0 + 119_000).json());
      brokers.publish(stream, "c", new Click(3, T0 + 190_000).json());
      assertThat(List.of(rows.poll(5, TimeUnit.SECONDS), rows.poll(5, TimeUnit.SECONDS)))
          .containsExactlyInAnyOrder("2026-01-01 00:01:00.000 | 2 | 2", "2026-01-01 00:01:00.000 | 3 | 1");
      assertThat(rows.poll(5, TimeUnit.SECONDS)).isEqualTo("2026-01-01 00:02:00.000 | 3 | 1");
      SQLWarning warning = rs.getWarnings();
      assertThat((Throwable) warning).isNotNull();
      assertThat(warning.getMessage()).contains("source 'clicks': 1 late event left out of windows already emitted",
          "2026-01-01T00:00:10Z");
      assertThat((Throwable) warning.getNextWarning()).isNull();
      rs.close();
      // The query's record: groups handed out (the reader may have taken the last window's as the input
      // closed), events taken in (the late one too), the late count.
      assertThat(Rows.of(c, "SELECT calls >= 4, rows_read, details FROM xsql.queries WHERE operation = 'window'"))
          .containsExactly("true | 8 | 1 late event left out of windows already emitted");
    }
  }

  @Test
  void idleTimeoutEmitsTheLastWindowsOfAQuietStream() throws Exception {
    String stream = brokers.stream();
    brokers.publish(stream, "c", new Click(1, T0).json());
    try (Connection c = connect(natsSource("quiet", stream, "watermark: 2s"),
        natsSource("idle", stream, "watermark: 2s, idle_timeout: 1s"));
        Statement quiet = c.createStatement();
        Statement idle = c.createStatement();
        ResultSet waiting = quiet.executeQuery(TUMBLE_COUNTS.formatted("STREAM", "quiet"))) {
      BlockingQueue<String> held = reader(waiting);
      long start = System.nanoTime();
      try (ResultSet rs = idle.executeQuery(TUMBLE_COUNTS.formatted("STREAM", "idle"))) {
        assertThat(next(rs, 1)).containsExactly("2026-01-01 00:00:00.000 | 1 | 1");
      }
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(1000);
      assertThat(held.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }
  }

  @Test
  void cancelOrAnInterruptEndsAWindowedQueryWithinASecond() throws Exception {
    String stream = brokers.stream();
    brokers.publish(stream, "c", new Click(1, T0).json());
    for (boolean interrupt : new boolean[] {false, true}) {
      try (Connection c = connect(natsSource("clicks", stream, "watermark: 2s"));
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(TUMBLE_COUNTS.formatted("STREAM", "clicks"))) {
        if (interrupt) {
          assertInterruptEndsTheWait(rs);
        } else {
          assertCancelEndsTheWait(s, rs);
        }
      }
    }
  }

  /** The waits for the next event return at once on an interrupted thread: the loop around them spun. */
  private static void assertInterruptEndsTheWait(ResultSet rs) {
    Thread reader = Thread.currentThread();
    CompletableFuture.runAsync(() -> {
      StreamClicks.pause(300);
      reader.interrupt();
    });
    long start = System.nanoTime();
    try {
      assertThatThrownBy(rs::next).isInstanceOfSatisfying(SQLException.class,
          e -> assertThat(e.getSQLState()).isEqualTo("57014"));
    } finally {
      Thread.interrupted();
    }
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1300L);
  }

  @Test
  void aStreamingGroupByOfTheEventTimeEmitsEachTimeOnceTheWatermarkPassesIt() throws Exception {
    String stream = brokers.stream();
    brokers.publish(stream, "c", new Click(1, T0).json());
    brokers.publish(stream, "c", new Click(2, T0).json());
    brokers.publish(stream, "c", new Click(1, T0 + 1000).json());
    brokers.publish(stream, "c", new Click(1, T0 + 5000).json());
    try (Connection c = connect(natsSource("clicks", stream, "watermark: 2s"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT STREAM ts, COUNT(*) AS n, MAX(user_id) AS u FROM clicks GROUP BY ts")) {
      assertThat(next(rs, 2)).containsExactly("2026-01-01 00:00:00.000 | 2 | 2", "2026-01-01 00:00:01.000 | 1 | 1");
    }
  }

  @Test
  void aWindowsGroupedRowsJoinATable() throws Exception {
    String stream = brokers.stream();
    brokers.publish(stream, "c", new Click(1, T0).json());
    brokers.publish(stream, "c", new Click(2, T0 + 1000).json());
    brokers.publish(stream, "c", new Click(1, T0 + 2000).json());
    try (Connection c = connect(natsSource("clicks", stream, "watermark: 2s, idle_timeout: 1s"), USERS);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT STREAM w.window_start, u.name, w.n FROM (" + TUMBLE_COUNTS
            .formatted("", "clicks") + ") w JOIN users u ON u.id = w.user_id")) {
      assertThat(next(rs, 2)).containsExactlyInAnyOrder("2026-01-01 00:00:00.000 | ann | 2",
          "2026-01-01 00:00:00.000 | bob | 1");
    }
  }

  @Test
  void aStreamingGroupByWithoutAWindowIsRefused() throws Exception {
    String stream = brokers.stream();
    try (Connection c = connect(natsSource("clicks", stream, "watermark: 2s"), USERS)) {
      assertThatThrownBy(() -> Rows.of(c, "SELECT STREAM user_id, COUNT(*) FROM clicks GROUP BY user_id"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"))
          .hasMessageContaining("SELECT STREAM with GROUP BY needs a window");
      assertThatThrownBy(() -> Rows.of(c, "SELECT STREAM window_start, u.name, COUNT(*) FROM TABLE(TUMBLE(TABLE"
          + " clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) c JOIN users u ON u.id = c.user_id"
          + " GROUP BY window_start, window_end, u.name"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"))
          .hasMessageContaining("join a table to the grouped rows in an outer query");
      assertThatThrownBy(() -> Rows.of(c, "SELECT STREAM * FROM TABLE(SESSION(TABLE clicks, DESCRIPTOR(ts),"
          + " DESCRIPTOR(user_id), INTERVAL '10' SECOND))"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"))
          .hasMessageContaining("a session's rows are known only when the session ends");
    }
  }

  private static Connection connect(String... sources) throws Exception {
    return StreamClicks.connect(dir, sources);
  }
}
