package io.xsql.stream;

import static io.xsql.stream.StreamTestSources.assertReadFails;
import static io.xsql.stream.StreamTestSources.message;
import static io.xsql.stream.StreamTestSources.read;
import static io.xsql.stream.StreamTestSources.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.spi.DataTable;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SourceException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JetStream stream as a table, against the NATS server of this machine. */
final class NatsTableTest {
  private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  private static DataTable nats(String stream, String... more) {
    Map<String, String> settings = new HashMap<>(Map.of("url", NatsTestStream.URL, "stream", stream));
    for (int i = 0; i < more.length; i += 2) {
      settings.put(more[i], more[i + 1]);
    }
    return table("nats", settings);
  }

  @Test
  void boundedReadReturnsTheStoredMessagesThenEnds() throws Exception {
    try (NatsTestStream s = new NatsTestStream()) {
      s.publish("a", message(1, "ann", T0));
      s.publish("b", message(2, "bob", T0 + 1000));
      s.publish("a", "{\"id\": 3, \"ts\": \"2026-01-01T00:00:02Z\", \"extra\": [1, {\"x\": 2}]}".getBytes());
      assertThat(read(nats(s.name), new TestContext())).containsExactly(
          List.of(1L, "ann", T0), List.of(2L, "bob", T0 + 1000), Arrays.asList(3L, null, T0 + 2000));
    }
  }

  @Test
  void subjectFilterAndStartTimeSelectMessages() throws Exception {
    try (NatsTestStream s = new NatsTestStream()) {
      s.publish("a", message(1, "ann", T0));
      s.publish("b", message(2, "bob", T0));
      Thread.sleep(20);
      String between = java.time.Instant.now().toString();
      Thread.sleep(20);
      s.publish("a", message(3, "cid", T0));
      assertThat(read(nats(s.name, "subject", s.name + ".a"), new TestContext()))
          .extracting(r -> r.get(0)).containsExactly(1L, 3L);
      assertThat(read(nats(s.name, "start", between), new TestContext())).extracting(r -> r.get(0))
          .containsExactly(3L);
      assertThat(read(nats(s.name, "start", "latest"), new TestContext())).isEmpty();
    }
  }

  @Test
  void durableConsumerResumesAfterWhatItAcked() throws Exception {
    try (NatsTestStream s = new NatsTestStream()) {
      s.publish("a", message(1, "ann", T0));
      s.publish("a", message(2, "bob", T0));
      DataTable durable = nats(s.name, "durable", "xsql_test");
      assertThat(read(durable, new TestContext())).extracting(r -> r.get(0)).containsExactly(1L, 2L);
      assertThat(read(durable, new TestContext())).isEmpty();
      s.publish("a", message(3, "cid", T0));
      assertThat(read(durable, new TestContext())).extracting(r -> r.get(0)).containsExactly(3L);
    }
  }

  @Test
  void emptyStreamReadsNoRows() throws Exception {
    try (NatsTestStream s = new NatsTestStream()) {
      assertThat(read(nats(s.name), new TestContext())).isEmpty();
    }
  }

  @Test
  void streamViewWaitsForMessagesAndEndsOnCancel() throws Exception {
    try (NatsTestStream s = new NatsTestStream()) {
      s.publish("a", message(1, "ann", T0));
      assertThat(read(nats(s.name), new TestContext())).hasSize(1);
      TestContext context = new TestContext();
      DataTable stream = nats(s.name).stream().orElseThrow();
      try (RowCursor cursor = stream.scan(ScanRequest.of(List.of(0, 1), context))) {
        assertThat(cursor.next()).isTrue();
        assertThat(cursor.current()).containsExactly(1L, "ann");
        CompletableFuture.runAsync(() -> {
          sleep(300);
          s.publish("b", message(2, "bob", T0));
        });
        assertThat(cursor.next()).isTrue();
        assertThat(cursor.current()).containsExactly(2L, "bob");
        CompletableFuture<Void> cancel = CompletableFuture.runAsync(() -> {
          sleep(200);
          context.cancel();
        });
        long start = System.nanoTime();
        assertThatThrownBy(cursor::next).isInstanceOfSatisfying(SourceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CANCELED));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
        cancel.join();
      }
    }
  }

  @Test
  void malformedMessagesFollowOnError() throws Exception {
    try (NatsTestStream s = new NatsTestStream()) {
      s.publish("a", message(1, "ann", T0));
      s.publish("a", "{\"id\": \"one\"}".getBytes());
      s.publish("a", "not json".getBytes());
      s.publish("a", message(4, "dan", T0));
      assertThatThrownBy(() -> read(nats(s.name), new TestContext()))
          .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA_TYPE))
          .hasMessageContaining("NATS stream " + s.name).hasMessageContaining("sequence 2")
          .hasMessageContaining("field 'id'");
      TestContext context = new TestContext();
      assertThat(read(nats(s.name, "on_error", "skip"), context)).extracting(r -> r.get(0)).containsExactly(1L, 4L);
      assertThat(context.warnings).singleElement().asString().contains("skipped 2 malformed rows", "sequence 2");
      assertThat(read(nats(s.name, "on_error", "null"), new TestContext())).extracting(r -> r.get(0))
          .containsExactly(1L, null, 4L);
    }
  }

  @Test
  void unknownStreamIsAnUnknownTable() {
    assertReadFails(nats("NO_SUCH_STREAM_XSQL"), ErrorCode.UNKNOWN_TABLE, "NO_SUCH_STREAM_XSQL");
  }

  @Test
  void serverThatIsDownFailsToConnectQuickly() {
    DataTable down = table("nats", Map.of("url", "nats://user:s3cret@127.0.0.1:1", "stream", "X"));
    assertReadFails(down, ErrorCode.CONNECT, "source 'events'", "nats://127.0.0.1:1");
    assertThatThrownBy(() -> read(down, new TestContext())).satisfies(StreamTestSources::hasNoSecret);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
