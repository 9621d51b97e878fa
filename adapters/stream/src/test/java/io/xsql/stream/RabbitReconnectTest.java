package io.xsql.stream;

import static io.xsql.stream.StreamTestSources.message;
import static io.xsql.stream.StreamTestSources.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.xsql.spi.DataTable;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A continuous read of a RabbitMQ queue whose connection the broker closes (as when it restarts), against
 * the broker of this machine: only the test's own connection is closed, through {@code rabbitmqctl}.
 */
@Timeout(60)
final class RabbitReconnectTest {
  private static final long T0 = 1_767_225_600_000L;

  private static long next(RowCursor cursor) {
    assertThat(cursor.next()).isTrue();
    return (Long) cursor.current()[0];
  }

  /** Closes the broker's connections whose client named them {@code name}; how many it closed. */
  private static int closeConnections(String name) throws IOException, InterruptedException {
    Process list = new ProcessBuilder("rabbitmqctl", "list_connections", "-q", "pid", "client_properties")
        .redirectErrorStream(true).start();
    String out = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(list.waitFor(30, TimeUnit.SECONDS)).isTrue();
    List<String> pids = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.contains("{\"connection_name\",\"" + name + "\"}")) {
        pids.add(line.substring(0, line.indexOf('\t')));
      }
    }
    for (String pid : pids) {
      Process close = new ProcessBuilder("rabbitmqctl", "close_connection", pid, "xsql reconnect test")
          .redirectErrorStream(true).start();
      close.getInputStream().readAllBytes();
      assertThat(close.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    return pids.size();
  }

  @Test
  void aClosedConnectionIsOpenedAgainAndTheMessagesNotHandedOutComeOnce() throws Exception {
    String source = "reconnect_" + UUID.randomUUID().toString().replace("-", "");
    try (RabbitTestQueue q = new RabbitTestQueue()) {
      for (long id = 1; id <= 5; id++) {
        q.publish(message(id, "m", T0));
      }
      DataTable stream = table(source, "rabbitmq", Map.of("uri", RabbitTestQueue.URI, "queue", q.name,
          "prefetch", "10", "reconnect", "20s")).stream().orElseThrow();
      try (RowCursor cursor = stream.scan(ScanRequest.of(List.of(0), new TestContext()))) {
        assertThat(List.of(next(cursor), next(cursor))).containsExactly(1L, 2L);
        // 3, 4 and 5 were delivered (prefetch 10) but not handed out: the broker gives them again.
        assertThat(closeConnections("xsql " + source)).isEqualTo(1);
        assertThat(List.of(next(cursor), next(cursor), next(cursor))).containsExactly(3L, 4L, 5L);
        q.publish(message(6, "m", T0));
        assertThat(next(cursor)).isEqualTo(6L);
      }
      assertThat(q.ready()).isZero();
    }
  }

  @Test
  void aRedeliveryOfAMessageHandedOutIsRecognized() {
    RabbitHandedOut handedOut = new RabbitHandedOut(2);
    byte[] a = message(1, "a", T0);
    handedOut.add(RabbitHandedOut.key(null, a));
    assertThat(handedOut.contains(RabbitHandedOut.key(null, message(1, "a", T0)))).isTrue();
    assertThat(handedOut.contains(RabbitHandedOut.key(null, message(2, "b", T0)))).isFalse();
    handedOut.add("id-2");
    handedOut.add("id-3");
    // Only the latest two are kept.
    assertThat(handedOut.contains(RabbitHandedOut.key(null, a))).isFalse();
    assertThat(handedOut.contains("id-3")).isTrue();
  }
}
