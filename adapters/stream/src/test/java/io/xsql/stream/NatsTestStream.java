package io.xsql.stream;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.util.Locale;
import java.util.UUID;

/**
 * A JetStream stream of its own for one test, on the server of this machine (127.0.0.1:4222), with subjects
 * {@code NAME.>}; closing deletes it.
 */
final class NatsTestStream implements AutoCloseable {
  static final String URL = "nats://127.0.0.1:4222";

  final String name = "XSQL_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT);
  private final Connection connection;

  NatsTestStream() throws IOException, InterruptedException, JetStreamApiException {
    connection = Nats.connect(URL);
    connection.jetStreamManagement().addStream(StreamConfiguration.builder().name(name).subjects(name + ".>")
        .storageType(StorageType.Memory).build());
  }

  /** Publishes to {@code NAME.suffix} and waits for the stream to store it. */
  void publish(String suffix, byte[] body) {
    try {
      connection.jetStream().publish(name + "." + suffix, body);
    } catch (IOException | JetStreamApiException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException, JetStreamApiException {
    try {
      connection.jetStreamManagement().deleteStream(name);
    } finally {
      try {
        connection.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
