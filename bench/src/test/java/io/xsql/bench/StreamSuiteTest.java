package io.xsql.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streams section at a tiny size against the NATS server of this machine: every xsql case's window rows
 * equal a reference counted here from the file the suite wrote (every window's count of every key), the
 * report has its section, and the streams are gone afterwards. No time is asserted.
 */
final class StreamSuiteTest {
  /** Two whole windows and part of a third. */
  private static final long EVENTS = 150_000;

  @TempDir
  Path dir;

  @Test
  void aSmallRunCountsEveryWindowAsTheReference() throws Exception {
    Path md = dir.resolve("b.md");
    Files.writeString(md, "# Benchmarks\n\nthe main part\n");
    BenchSettings settings = BenchSettings.parse("--suites", "stream", "--stream-events", String.valueOf(EVENTS),
        "--data", dir.resolve("data").toString(), "--out", md.toString());
    StreamRun run = new StreamSuite(settings).run();

    Path file = dir.resolve("data").resolve("stream").resolve("events-" + EVENTS + ".jsonl");
    StreamCounts all = reference(file, EVENTS);
    assertThat(all.rows()).isEqualTo(3 * StreamEvents.KEYS);
    assertThat(all.events()).isEqualTo(EVENTS);
    assertThat(all).isEqualTo(StreamEvents.reference(EVENTS));
    for (StreamCase c : StreamCase.values()) {
      StreamResult r = run.find(c);
      assertThat(r.note()).as(c.name()).isEmpty();
      assertThat(r.run().orElseThrow().rows()).as(c.name()).isEqualTo(c == StreamCase.NATS_LATENCY
          ? StreamCase.latencyEvents(EVENTS) : EVENTS);
    }
    assertThat(run.find(StreamCase.FILE_XSQL).counts()).contains(all);
    assertThat(run.find(StreamCase.NATS_XSQL).counts()).contains(all);
    // The latency case publishes the first two windows' events, then the closing one.
    assertThat(run.find(StreamCase.NATS_LATENCY).counts()).contains(reference(file, 2 * StreamEvents.PER_WINDOW));
    assertThat(run.find(StreamCase.NATS_LATENCY).latency().orElseThrow().samples())
        .isEqualTo(2 * StreamEvents.KEYS);

    StreamReport report = new StreamReport(settings, Machine.describe(), run);
    assertThat(report.mismatches()).isEmpty();
    report.write();
    assertThat(Files.readString(md)).startsWith("# Benchmarks\n\nthe main part\n")
        .contains(ReportSection.STREAM.begin()).contains("| followed file: xsql's windowed count at least 0.5x")
        .containsPattern("\\| JetStream, xsql: ordered consumer, tumbling-window count \\| 150,000 \\| [0-9.]+ \\|"
            + " [0-9,]+ \\| [0-9.]+x \\| 3,000 \\| yes \\|")
        .containsPattern("\\| 2,000 \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| yes \\|")
        .doesNotContain("**no**").endsWith(ReportSection.STREAM.end() + "\n");
    try (io.nats.client.Connection nats = io.nats.client.Nats.connect(StreamSuite.URL)) {
      assertThat(nats.jetStreamManagement().getStreamNames()).noneMatch(n -> n.startsWith("XSQL_BENCH_"));
    }
  }

  /** The window rows of the file's first {@code events} lines, counted from their JSON. */
  private static StreamCounts reference(Path file, long events) throws IOException {
    JsonFactory json = new JsonFactory();
    Map<List<Long>, Long> counts = new HashMap<>();
    for (String line : Files.readAllLines(file).subList(0, (int) events)) {
      Map<String, String> fields = new HashMap<>();
      try (JsonParser p = json.createParser(line)) {
        while (p.nextToken() != null) {
          if (p.currentToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            fields.put(name, p.getText());
          }
        }
      }
      long ts = Instant.parse(fields.get("ts")).toEpochMilli();
      counts.merge(List.of(ts - Math.floorMod(ts, 60_000L), Long.parseLong(fields.get("k"))), 1L, Long::sum);
    }
    StreamCounts out = StreamCounts.NONE;
    for (Map.Entry<List<Long>, Long> e : counts.entrySet()) {
      out = out.plus(e.getKey().get(0), e.getKey().get(1).intValue(), e.getValue());
    }
    return out;
  }
}
