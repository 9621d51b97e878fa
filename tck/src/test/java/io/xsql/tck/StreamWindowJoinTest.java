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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Joins of two streams inside windows through the driver, against followed JSON Lines files and the NATS
 * JetStream server of this machine: under {@code SELECT STREAM} each window's joined rows are emitted once
 * the watermarks of both streams pass its end, and equal a reference computed here from the events' own
 * times; without STREAM the same query joins what the streams hold. Joins of two streams outside windows
 * are refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
final class StreamWindowJoinTest {
  /** Each click of a with each of b of its user in the same minute: window_start, user_id, a's time, b's. */
  private static final String TUMBLE_JOIN = "SELECT %s x.window_start, x.user_id, x.ts, y.ts FROM TABLE(TUMBLE(TABLE"
      + " a, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) x %s TABLE(TUMBLE(TABLE b, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) y"
      + " ON x.user_id = y.user_id AND x.window_start = y.window_start AND x.window_end = y.window_end";
  private static final String TIMING = "watermark: 10s, idle_timeout: 1s";

  @TempDir
  static Path dir;
  private final StreamBrokers brokers;

  StreamWindowJoinTest() throws Exception {
    brokers = new StreamBrokers();
  }

  @AfterAll
  void stop() throws Exception {
    brokers.close();
  }

  /**
   * The expected rows {@code window_start | user_id | a's time | b's time} of a join of {@code a} and
   * {@code b} on the user inside windows of {@code size} starting every {@code slide}; with {@code outer}, the
   * clicks of {@code a} that match none in a window too, with a NULL time of b.
   */
  private static List<String> reference(List<Click> a, List<Click> b, long size, long slide, boolean outer) {
    List<String> out = new ArrayList<>();
    for (Click x : a) {
      for (long start = x.ts() - Math.floorMod(x.ts(), slide); start > x.ts() - size; start -= slide) {
        long from = start;
        List<String> matches = b.stream().filter(y -> y.user() == x.user() && y.ts() >= from && y.ts() < from + size)
            .map(y -> time(from) + " | " + x.user() + " | " + time(x.ts()) + " | " + time(y.ts())).toList();
        out.addAll(matches);
        if (matches.isEmpty() && outer) {
          out.add(time(from) + " | " + x.user() + " | " + time(x.ts()) + " | null");
        }
      }
    }
    return out;
  }

  private static String lines(List<Click> clicks) {
    return clicks.stream().map(c -> c.json() + "\n").collect(Collectors.joining());
  }

  private static String followed(String name, Path file) {
    return name + ": { type: jsonl, path: " + file.getFileName() + ", follow: true, " + COLUMNS + ", " + TIMING + " }";
  }

  @Test
  void aTumblingWindowJoinOfTwoFollowedFilesEqualsTheReferenceStreamedAndAsTheFilesStand() throws Exception {
    List<Click> a = clicks(11, 150, 4);
    List<Click> b = clicks(12, 150, 4);
    Path aFile = dir.resolve("a-" + System.nanoTime() + ".jsonl");
    Path bFile = dir.resolve("b-" + System.nanoTime() + ".jsonl");
    Files.writeString(aFile, lines(a.subList(0, 50)));
    Files.writeString(bFile, lines(b.subList(0, 70)));
    List<String> expected = reference(a, b, 60_000, 60_000, false);
    String sql = TUMBLE_JOIN.formatted("STREAM", "JOIN");
    try (Connection c = StreamClicks.connect(dir, followed("a", aFile), followed("b", bFile))) {
      assertThat(String.join("\n", Rows.of(c, "EXPLAIN PLAN FOR " + sql))).contains("XsqlWindowJoin(window=[TUMBLE("
          + "size=60000ms), left=a (watermark=10000ms, idle_timeout=1000ms), right=b (watermark=10000ms,"
          + " idle_timeout=1000ms)], joinType=[inner], keys=[user_id = user_id0, window_start = window_start0,"
          + " window_end = window_end0])");
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
          try {
            Files.writeString(aFile, lines(a.subList(50, a.size())), StandardOpenOption.APPEND);
            Files.writeString(bFile, lines(b.subList(70, b.size())), StandardOpenOption.APPEND);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
        List<String> rows = next(rs, expected.size());
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
        // Windows are emitted as both watermarks pass their ends, so in the order of their starts.
        assertThat(rows.stream().map(r -> r.substring(0, 23)).toList()).isSorted();
        assertThat((Throwable) rs.getWarnings()).isNull();
        writer.join();
      }
      assertThat(next(c.createStatement().executeQuery(TUMBLE_JOIN.formatted("", "JOIN")), Integer.MAX_VALUE))
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void aHoppingLeftWindowJoinOverNatsEqualsTheReference() throws Exception {
    List<Click> a = new ArrayList<>(clicks(21, 120, 3));
    // A user b never sees: its click is in the left join's rows of both its windows, with NULLs.
    a.add(2, new Click(9, T0 + 5000));
    List<Click> b = clicks(22, 60, 3);
    String aStream = brokers.stream();
    String bStream = brokers.stream();
    a.forEach(x -> brokers.publish(aStream, "c", x.json()));
    b.forEach(y -> brokers.publish(bStream, "c", y.json()));
    List<String> expected = reference(a, b, 60_000, 30_000, true);
    String sql = "SELECT STREAM x.window_start, x.user_id, x.ts, y.ts FROM TABLE(HOP(TABLE a, DESCRIPTOR(ts), INTERVAL"
        + " '30' SECOND, INTERVAL '1' MINUTE)) x LEFT JOIN TABLE(HOP(TABLE b, DESCRIPTOR(ts), INTERVAL '30' SECOND,"
        + " INTERVAL '1' MINUTE)) y ON x.window_start = y.window_start AND y.user_id = x.user_id";
    try (Connection c = StreamClicks.connect(dir, natsSource("a", aStream, TIMING), natsSource("b", bStream, TIMING))) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        assertThat(next(rs, expected.size())).containsExactlyInAnyOrderElementsOf(expected)
            .contains(time(T0 - 30_000) + " | 9 | " + time(T0 + 5000) + " | null");
      }
    }
  }

  @Test
  void aWindowIsJoinedOnceBothWatermarksPassItsEndAndLateEventsAreReported() throws Exception {
    String aStream = brokers.stream();
    String bStream = brokers.stream();
    brokers.publish(aStream, "c", new Click(1, T0).json());
    brokers.publish(aStream, "c", new Click(1, T0 + 30_000).json());
    brokers.publish(bStream, "c", new Click(1, T0 + 10_000).json());
    brokers.publish(bStream, "c", new Click(2, T0 + 20_000).json());
    try (Connection c = StreamClicks.connect(dir, natsSource("a", aStream, "watermark: 2s"),
        natsSource("b", bStream, "watermark: 2s"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(TUMBLE_JOIN.formatted("STREAM", "JOIN"))) {
      BlockingQueue<String> rows = reader(rs);
      assertThat(rows.poll(700, TimeUnit.MILLISECONDS)).isNull();
      // a's watermark passes the first minute's end, b's does not: the minute stays open.
      brokers.publish(aStream, "c", new Click(1, T0 + 62_000).json());
      brokers.publish(bStream, "c", new Click(1, T0 + 50_000).json());
      // Out of order within b's watermark: still joined.
      brokers.publish(bStream, "c", new Click(1, T0 + 49_000).json());
      assertThat(rows.poll(700, TimeUnit.MILLISECONDS)).isNull();
      brokers.publish(bStream, "c", new Click(3, T0 + 63_000).json());
      List<String> first = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        first.add(rows.poll(5, TimeUnit.SECONDS));
      }
      assertThat(first).containsExactlyInAnyOrder(
          "2026-01-01 00:00:00.000 | 1 | 2026-01-01 00:00:00.000 | 2026-01-01 00:00:10.000",
          "2026-01-01 00:00:00.000 | 1 | 2026-01-01 00:00:00.000 | 2026-01-01 00:00:50.000",
          "2026-01-01 00:00:00.000 | 1 | 2026-01-01 00:00:00.000 | 2026-01-01 00:00:49.000",
          "2026-01-01 00:00:00.000 | 1 | 2026-01-01 00:00:30.000 | 2026-01-01 00:00:10.000",
          "2026-01-01 00:00:00.000 | 1 | 2026-01-01 00:00:30.000 | 2026-01-01 00:00:50.000",
          "2026-01-01 00:00:00.000 | 1 | 2026-01-01 00:00:30.000 | 2026-01-01 00:00:49.000");
      assertThat(rows.poll(300, TimeUnit.MILLISECONDS)).isNull();
      // Late: its minute was joined already.
      brokers.publish(aStream, "c", new Click(1, T0 + 5000).json());
      brokers.publish(aStream, "c", new Click(3, T0 + 61_000).json());
      brokers.publish(aStream, "c", new Click(3, T0 + 125_000).json());
      brokers.publish(bStream, "c", new Click(3, T0 + 130_000).json());
      assertThat(rows.poll(5, TimeUnit.SECONDS))
          .isEqualTo("2026-01-01 00:01:00.000 | 3 | 2026-01-01 00:01:01.000 | 2026-01-01 00:01:03.000");
      assertThat(rows.poll(300, TimeUnit.MILLISECONDS)).isNull();
      SQLWarning warning = rs.getWarnings();
      assertThat((Throwable) warning).isNotNull();
      assertThat(warning.getMessage()).contains("source 'a': 1 late event left out of windows already emitted",
          "2026-01-01T00:00:05Z");
      assertThat((Throwable) warning.getNextWarning()).isNull();
      rs.close();
      assertThat(Rows.of(c, "SELECT source, request LIKE '%left side', rows_read, details FROM xsql.queries"
          + " WHERE operation = 'window join' ORDER BY source")).containsExactly(
          "a | true | 6 | 1 late event left out of windows already emitted", "b | false | 6 | NULL");
    }
  }

  @Test
  void cancelAndTheQueryTimeoutEndAWindowJoinPromptly() throws Exception {
    String aStream = brokers.stream();
    String bStream = brokers.stream();
    brokers.publish(aStream, "c", new Click(1, T0).json());
    try (Connection c = StreamClicks.connect(dir, natsSource("a", aStream, "watermark: 2s"),
        natsSource("b", bStream, "watermark: 2s"))) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(TUMBLE_JOIN.formatted("STREAM", "JOIN"))) {
        assertCancelEndsTheWait(s, rs);
      }
      try (Statement s = c.createStatement()) {
        s.setQueryTimeout(1);
        long start = System.nanoTime();
        assertThatThrownBy(() -> next(s.executeQuery(TUMBLE_JOIN.formatted("STREAM", "JOIN")), 1))
            .isInstanceOfSatisfying(SQLTimeoutException.class, e -> assertThat(e.getSQLState()).isEqualTo("HYT00"));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2500);
      }
    }
  }

  @Test
  void joinsOfTwoStreamsOutsideEqualWindowsAreRefused() throws Exception {
    String stream = brokers.stream();
    try (Connection c = StreamClicks.connect(dir, natsSource("a", stream, "watermark: 2s"),
        natsSource("b", stream, "watermark: 2s"))) {
      String tumble = "TABLE(TUMBLE(TABLE %s, DESCRIPTOR(ts), INTERVAL '%d' MINUTE)) %s";
      for (String sql : List.of(
          "SELECT STREAM x.url FROM a x JOIN b y ON x.user_id = y.user_id",
          "SELECT STREAM x.url FROM " + tumble.formatted("a", 1, "x") + " JOIN " + tumble.formatted("b", 1, "y")
              + " ON x.user_id = y.user_id",
          "SELECT STREAM x.url FROM " + tumble.formatted("a", 1, "x") + " JOIN " + tumble.formatted("b", 2, "y")
              + " ON x.user_id = y.user_id AND x.window_start = y.window_start",
          "SELECT STREAM x.url FROM " + tumble.formatted("a", 1, "x") + " JOIN TABLE(HOP(TABLE b, DESCRIPTOR(ts),"
              + " INTERVAL '1' MINUTE, INTERVAL '1' MINUTE)) y ON x.window_start = y.window_start",
          "SELECT STREAM x.url FROM " + tumble.formatted("a", 1, "x") + " JOIN b y ON x.window_start = y.ts")) {
        assertThatThrownBy(() -> Rows.of(c, sql)).as(sql).isInstanceOfSatisfying(SQLException.class,
            e -> assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("0A000"))
            .hasMessageContaining("SELECT STREAM joins two streams only inside windows, both sides windowed by the"
                + " same TUMBLE or HOP on their event time");
      }
    }
  }
}
