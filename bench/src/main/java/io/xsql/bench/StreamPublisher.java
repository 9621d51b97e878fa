package io.xsql.bench;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes {@link StreamEvents} into a JetStream stream whose subjects are {@code NAME.>}. The harness
 * {@link #create creates} a uniquely named stream (in memory) and closing deletes it; a child
 * {@link #attach attaches} to one and closing leaves it.
 */
final class StreamPublisher implements AutoCloseable {
  /** Publishes awaiting JetStream's ack at once, when publishing as fast as the server stores. */
  private static final int IN_FLIGHT = 4096;

  final String stream;
  private final Connection connection;
  private final boolean owner;

  private StreamPublisher(String url, String stream, boolean owner) throws IOException, InterruptedException {
    this.stream = stream;
    this.connection = Nats.connect(url);
    this.owner = owner;
  }

  /** A new stream named {@code XSQL_BENCH_} and a random suffix. */
  static StreamPublisher create(String url) throws IOException, InterruptedException, JetStreamApiException {
    String name = "XSQL_BENCH_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
        .toUpperCase(Locale.ROOT);
    StreamPublisher p = new StreamPublisher(url, name, true);
    p.connection.jetStreamManagement().addStream(StreamConfiguration.builder().name(name).subjects(name + ".>")
        .storageType(StorageType.Memory).build());
    return p;
  }

  static StreamPublisher attach(String url, String stream) throws IOException, InterruptedException {
    return new StreamPublisher(url, stream, false);
  }

  /** Publishes the events and the closing one as fast as JetStream acks them; fails unless all are stored. */
  void publishAll(long events) throws IOException, JetStreamApiException {
    JetStream js = connection.jetStream();
    Deque<CompletableFuture<PublishAck>> acks = new ArrayDeque<>();
    for (long i = 0; i <= events; i++) {
      acks.add(js.publishAsync(subject(), StreamEvents.json(i, events).getBytes(StandardCharsets.UTF_8)));
      if (acks.size() >= IN_FLIGHT) {
        acks.poll().join();
      }
    }
    acks.forEach(CompletableFuture::join);
    long stored = connection.jetStreamManagement().getStreamInfo(stream).getStreamState().getMsgCount();
    if (stored != events + 1) {
      throw new IllegalStateException("stream " + stream + " holds " + stored + " messages, not " + (events + 1));
    }
  }

  /**
   * Publishes the events and the closing one at {@code rate} a second, each at its own moment from the
   * first (so a late one does not shift the rest), noting the {@link System#nanoTime} just before each
   * publish in {@code publishedAt}.
   */
  void publishPaced(long events, int rate, AtomicLongArray publishedAt) throws InterruptedException {
    long start = System.nanoTime();
    long interval = 1_000_000_000L / rate;
    for (int i = 0; i <= events; i++) {
      long wait = start + i * interval - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      publishedAt.set(i, System.nanoTime());
      connection.publish(subject(), StreamEvents.json(i, events).getBytes(StandardCharsets.UTF_8));
    }
    try {
      connection.flush(Duration.ofSeconds(10));
    } catch (TimeoutException e) {
      throw new IllegalStateException("NATS did not take the last events within 10 s", e);
    }
  }

  /** The server's version, as it reported it on connecting. */
  String serverVersion() {
    return connection.getServerInfo().getVersion();
  }

  private String subject() {
    return stream + ".events";
  }

  @Override
  public void close() throws IOException, JetStreamApiException, InterruptedException {
    try {
      if (owner) {
        connection.jetStreamManagement().deleteStream(stream);
      }
    } finally {
      connection.close();
    }
  }
}
