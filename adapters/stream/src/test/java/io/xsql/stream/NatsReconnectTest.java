package io.xsql.stream;

import static io.xsql.stream.StreamTestSources.message;
import static io.xsql.stream.StreamTestSources.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.spi.DataTable;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SourceException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A continuous read of a JetStream stream whose server goes away, against a NATS server of the test's own:
 * it connects again within {@code reconnect} and goes on after the last row it handed out, or fails with
 * 08006 naming the source.
 */
@Timeout(90)
final class NatsReconnectTest {
  private static final long T0 = 1_767_225_600_000L;
  private static final String STREAM = "RECONNECT";

  @TempDir
  Path store;

  private static DataTable stream(NatsTestServer server, String... more) {
    Map<String, String> settings = new HashMap<>(Map.of("url", server.url(), "stream", STREAM));
    for (int i = 0; i < more.length; i += 2) {
      settings.put(more[i], more[i + 1]);
    }
    return table("nats", settings).stream().orElseThrow();
  }

  private static long next(RowCursor cursor) {
    assertThat(cursor.next()).isTrue();
    return (Long) cursor.current()[0];
  }

  /** With an ordered consumer and with a durable one: the rows after a restart are the new ones, once each. */
  @ParameterizedTest
  @ValueSource(strings = {"", "xsql_reconnect"})
  void aRestartedServerIsReadAgainAfterTheLastRowHandedOut(String durable) throws Exception {
    try (NatsTestServer server = new NatsTestServer(store)) {
      server.addStream(STREAM);
      for (long id = 1; id <= 3; id++) {
        server.publish(STREAM, message(id, "before", T0));
      }
      DataTable stream = durable.isEmpty() ? stream(server, "reconnect", "30s")
          : stream(server, "reconnect", "30s", "durable", durable);
      try (RowCursor cursor = stream.scan(ScanRequest.of(List.of(0, 1), new TestContext()))) {
        assertThat(List.of(next(cursor), next(cursor), next(cursor))).containsExactly(1L, 2L, 3L);
        server.stop();
        CompletableFuture<Long> after = CompletableFuture.supplyAsync(() -> next(cursor));
        // The server stays down for a while on purpose: the reader must find the connection lost and retry
        // against a closed port before the server comes back; there is no state of its own to wait for.
        Thread.sleep(1000);
        server.start();
        for (long id = 4; id <= 5; id++) {
          server.publish(STREAM, message(id, "after", T0));
        }
        assertThat(after.get(60, TimeUnit.SECONDS)).isEqualTo(4L);
        assertThat(next(cursor)).isEqualTo(5L);
        assertThat(cursor.current()[1]).isEqualTo("after");
      }
    }
  }

  @Test
  void aServerThatStaysDownFailsTheReadAfterTheBudget() throws Exception {
    try (NatsTestServer server = new NatsTestServer(store)) {
      server.addStream(STREAM);
      server.publish(STREAM, message(1, "ann", T0));
      try (RowCursor cursor = stream(server, "reconnect", "1s").scan(ScanRequest.of(List.of(0), new TestContext()))) {
        assertThat(next(cursor)).isEqualTo(1L);
        server.stop();
        long start = System.nanoTime();
        assertThatThrownBy(cursor::next).isInstanceOfSatisfying(SourceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_LOST))
            .hasMessageContaining("source 'events'").hasMessageContaining("within 1000 ms");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(15_000);
      }
    }
  }
}
