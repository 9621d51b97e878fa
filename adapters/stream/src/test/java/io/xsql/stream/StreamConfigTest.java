package io.xsql.stream;

import static io.xsql.stream.StreamTestSources.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.spi.CatalogException;
import io.xsql.spi.EventTime;
import io.xsql.spi.LookupBatch;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The catalog keys of stream sources: every bad value fails naming its key, and never shows a password. */
final class StreamConfigTest {
  @Test
  void unknownKeysAndBadValuesFailNamingTheKey() {
    assertThatThrownBy(() -> table("nats", Map.of("stream", "S", "topic", "x")))
        .isInstanceOf(CatalogException.class).hasMessageContaining("unknown key 'topic'");
    assertThatThrownBy(() -> table("nats", Map.of()))
        .isInstanceOf(CatalogException.class).hasMessageContaining("key 'stream': is required");
    assertThatThrownBy(() -> table("nats", Map.of("stream", "S", "start", "yesterday")))
        .isInstanceOf(CatalogException.class).hasMessageContaining("key 'start'");
    assertThatThrownBy(() -> table("nats", Map.of("stream", "S", "event_time", "name")))
        .isInstanceOf(CatalogException.class).hasMessageContaining("must name a TIMESTAMP column");
    assertThatThrownBy(() -> table("nats", Map.of("stream", "S", "idle_timeout", "0s")))
        .isInstanceOf(CatalogException.class).hasMessageContaining("key 'idle_timeout': must be more than 0");
    assertThatThrownBy(() -> table("rabbitmq", Map.of("queue", "q", "format", "avro")))
        .isInstanceOf(CatalogException.class).hasMessageContaining("key 'format'");
    assertThatThrownBy(() -> table("rabbitmq", Map.of("queue", "q", "prefetch", "0")))
        .isInstanceOf(CatalogException.class).hasMessageContaining("key 'prefetch'");
    assertThatThrownBy(() -> table("nats", Map.of("stream", "S", "reconnect", "-1s")))
        .isInstanceOf(CatalogException.class).hasMessageContaining("key 'reconnect'");
  }

  @Test
  void aStreamViewBatchesLookupJoinsByDefault() {
    assertThat(table("nats", Map.of("stream", "S")).lookupBatch()).isEmpty();
    assertThat(table("nats", Map.of("stream", "S")).stream().orElseThrow().lookupBatch())
        .contains(LookupBatch.DEFAULT);
  }

  @Test
  void anInvalidUriIsNotEchoed() {
    assertThatThrownBy(() -> table("rabbitmq", Map.of("queue", "q", "uri", "amqp://u:s3cret@[bad")))
        .isInstanceOf(CatalogException.class).hasMessageContaining("key 'uri'").hasMessageNotContaining("s3cret");
  }

  @Test
  void explainNamesTheBrokerWithoutCredentials() {
    assertThat(table("rabbitmq", Map.of("queue", "trades", "uri", "amqp://u:s3cret@mq:5673/prod"))
        .describe()).isEqualTo("amqp://mq:5673/prod queue trades prefetch 100, as it stands");
    assertThat(table("nats", Map.of("stream", "S", "subject", "S.a", "event_time", "ts",
        "watermark", "2s", "url", "nats://u:s3cret@nats:4222")).stream().orElseThrow().describe())
        .isEqualTo("nats://nats:4222 stream S subject S.a start earliest, event_time=ts, watermark=2000ms, following");
    assertThat(table("rabbitmq", Map.of("queue", "q", "event_time", "ts", "idle_timeout", "3s")).eventTime())
        .isEqualTo(new EventTime(Optional.of("ts"), Duration.ZERO, Optional.of(Duration.ofSeconds(3))));
  }
}
