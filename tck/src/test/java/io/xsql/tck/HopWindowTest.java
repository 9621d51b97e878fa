package io.xsql.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HOP over a table (no {@code STREAM}): every row in each of its windows, read by aggregates and joins that
 * take rows as Calcite's runtime hands them out. Calcite's own HOP rows are handed out by {@code current()}
 * (a second call gave the next window's row, and without a call {@code moveNext()} never ended), so a
 * COUNT or a join over them looped for ever; the expected rows are computed here from the events' times.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
final class HopWindowTest {
  private static final long T0 = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();
  private static final long SLIDE = 30_000;
  private static final long SIZE = 60_000;
  private static final String HOP = "TABLE(HOP(TABLE %s, DESCRIPTOR(ts), INTERVAL '30' SECOND, INTERVAL '1' MINUTE))";

  @TempDir
  static Path dir;
  private final List<long[]> events = new ArrayList<>();
  private String url;

  @BeforeAll
  void write() throws Exception {
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      long ts = T0 + i * 7_000L;
      int user = i % 4;
      events.add(new long[] {user, ts});
      jsonl.append("{\"user_id\": ").append(user).append(", \"ts\": \"")
          .append(LocalDateTime.ofEpochSecond(ts / 1000, 0, ZoneOffset.UTC)).append("\"}\n");
    }
    Files.writeString(dir.resolve("clicks.jsonl"), jsonl);
    Path catalog = dir.resolve("catalog.yaml");
    Files.writeString(catalog, "sources:\n  clicks: { type: jsonl, path: clicks.jsonl, columns: { user_id: INTEGER,"
        + " ts: TIMESTAMP } }\n");
    url = "jdbc:xsql:catalog=" + catalog;
  }

  /** The starts of the windows holding {@code ts}, as Calcite places them. */
  private static List<Long> starts(long ts) {
    List<Long> out = new ArrayList<>();
    for (long start = ts - Math.floorMod(ts, SLIDE); start > ts - SIZE; start -= SLIDE) {
      out.add(start);
    }
    return out;
  }

  private List<List<Long>> rows(String sql) throws Exception {
    List<List<Long>> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.setQueryTimeout(20);
      try (ResultSet rs = s.executeQuery(sql)) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<Long> row = new ArrayList<>();
          for (int i = 1; i <= columns; i++) {
            Object v = rs.getObject(i);
            row.add(v instanceof java.sql.Timestamp t ? t.getTime() : ((Number) v).longValue());
          }
          out.add(row);
        }
      }
    }
    return out;
  }

  @Test
  void countsEveryWindowOfEveryRow() throws Exception {
    long expected = events.stream().mapToLong(e -> starts(e[1]).size()).sum();
    assertThat(expected).isEqualTo(2L * events.size());
    assertThat(rows("SELECT COUNT(*) FROM " + HOP.formatted("clicks"))).containsExactly(List.of(expected));
  }

  @Test
  void groupsByWindow() throws Exception {
    Map<Long, Long> expected = new TreeMap<>();
    events.forEach(e -> starts(e[1]).forEach(w -> expected.merge(w, 1L, Long::sum)));
    List<List<Long>> want = expected.entrySet().stream().map(e -> List.of(e.getKey(), e.getValue())).toList();
    assertThat(rows("SELECT window_start, COUNT(*) FROM " + HOP.formatted("clicks")
        + " GROUP BY window_start ORDER BY window_start")).isEqualTo(want);
  }

  @Test
  void joinsTwoHoppingInputs() throws Exception {
    long expected = 0;
    for (long[] a : events) {
      for (long[] b : events) {
        if (a[0] == b[0]) {
          List<Long> shared = new ArrayList<>(starts(a[1]));
          shared.retainAll(starts(b[1]));
          expected += shared.size();
        }
      }
    }
    assertThat(rows("SELECT COUNT(*) FROM " + HOP.formatted("clicks") + " x JOIN " + HOP.formatted("clicks")
        + " y ON x.user_id = y.user_id AND x.window_start = y.window_start")).containsExactly(List.of(expected));
  }
}
