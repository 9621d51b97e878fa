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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A RabbitMQ queue as a table, against the broker of this machine. */
final class RabbitTableTest {
  private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  private static DataTable rabbit(String queue) {
    return table("rabbitmq", Map.of("uri", RabbitTestQueue.URI, "queue", queue, "prefetch", "10"));
  }

  @Test
  void boundedReadTakesTheReadyMessagesAndAcksThem() throws Exception {
    try (RabbitTestQueue q = new RabbitTestQueue()) {
      q.publish(message(1, "ann", T0));
      q.publish(message(2, "bob", T0 + 1000));
      assertThat(read(rabbit(q.name), new TestContext())).containsExactly(
          List.of(1L, "ann", T0), List.of(2L, "bob", T0 + 1000));
      assertThat(q.ready()).isZero();
      assertThat(read(rabbit(q.name), new TestContext())).isEmpty();
    }
  }

  @Test
  void messagesNotHandedOutGoBackToTheQueueAfterCancel() throws Exception {
    try (RabbitTestQueue q = new RabbitTestQueue()) {
      for (int i = 1; i <= 5; i++) {
        q.publish(message(i, "m" + i, T0));
      }
      TestContext context = new TestContext();
      try (RowCursor cursor = rabbit(q.name).stream().orElseThrow().scan(ScanRequest.of(List.of(0), context))) {
        assertThat(cursor.next()).isTrue();
        assertThat(cursor.next()).isTrue();
        assertThat(cursor.current()).containsExactly(2L);
        context.cancel();
        assertThatThrownBy(cursor::next).isInstanceOfSatisfying(SourceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CANCELED));
      }
      assertThat(read(rabbit(q.name), new TestContext())).extracting(r -> r.get(0)).containsExactly(3L, 4L, 5L);
    }
  }

  @Test
  void streamViewWaitsForMessagesAndEndsWhenClosedFromAnotherThread() throws Exception {
    try (RabbitTestQueue q = new RabbitTestQueue()) {
      RowCursor cursor = rabbit(q.name).stream().orElseThrow().scan(ScanRequest.of(List.of(0, 1), new TestContext()));
      CompletableFuture.runAsync(() -> {
        NatsTableTest.sleep(300);
        q.publish(message(7, "late", T0));
      });
      assertThat(cursor.next()).isTrue();
      assertThat(cursor.current()).containsExactly(7L, "late");
      CompletableFuture.runAsync(() -> {
        NatsTableTest.sleep(200);
        cursor.close();
      });
      long start = System.nanoTime();
      assertThat(cursor.next()).isFalse();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
    }
  }

  @Test
  void unknownQueueIsAnUnknownTable() {
    assertReadFails(rabbit("xsql-no-such-queue"), ErrorCode.UNKNOWN_TABLE, "xsql-no-such-queue");
  }

  @Test
  void brokerThatIsDownFailsToConnectWithoutThePassword() {
    DataTable down = table("rabbitmq", Map.of("uri", "amqp://guest:s3cret@127.0.0.1:1", "queue", "q"));
    assertReadFails(down, ErrorCode.CONNECT, "127.0.0.1:1");
    assertThatThrownBy(() -> read(down, new TestContext())).satisfies(StreamTestSources::hasNoSecret);
  }
}
