package io.xsql.tck;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * The NATS JetStream server and RabbitMQ broker of this machine, for the stream tests: each stream or queue
 * made here has a name of its own and is deleted by {@link #close()}.
 */
final class StreamBrokers implements AutoCloseable {
  static final String NATS_URL = "nats://127.0.0.1:4222";
  static final String AMQP_URI = "amqp://guest:guest@127.0.0.1:5672";

  private final Connection nats;
  private final com.rabbitmq.client.Connection rabbit;
  private final Channel channel;
  private final List<String> streams = new ArrayList<>();
  private final List<String> queues = new ArrayList<>();

  StreamBrokers() throws IOException, InterruptedException, TimeoutException {
    nats = Nats.connect(NATS_URL);
    ConnectionFactory f = new ConnectionFactory();
    f.setHost("127.0.0.1");
    rabbit = f.newConnection("xsql tck");
    channel = rabbit.createChannel();
  }

  /** A new JetStream stream taking subjects {@code NAME.>}, held in memory. */
  String stream() throws IOException, JetStreamApiException {
    String name = "TCK_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT);
    nats.jetStreamManagement().addStream(StreamConfiguration.builder().name(name).subjects(name + ".>")
        .storageType(StorageType.Memory).build());
    streams.add(name);
    return name;
  }

  /** A new queue, not durable. */
  synchronized String queue() throws IOException {
    String name = "tck-" + UUID.randomUUID();
    channel.queueDeclare(name, false, false, false, null);
    queues.add(name);
    return name;
  }

  /** Publishes a JSON message to subject {@code stream.suffix}; returns once the stream stored it. */
  void publish(String stream, String suffix, String json) {
    try {
      nats.jetStream().publish(stream + "." + suffix, json.getBytes(StandardCharsets.UTF_8));
    } catch (IOException | JetStreamApiException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Publishes a JSON message to a queue. */
  synchronized void send(String queue, String json) {
    try {
      channel.basicPublish("", queue, null, json.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException, JetStreamApiException {
    try {
      for (String s : streams) {
        nats.jetStreamManagement().deleteStream(s);
      }
      for (String q : queues) {
        channel.queueDelete(q);
      }
    } finally {
      rabbit.close();
      try {
        nats.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
