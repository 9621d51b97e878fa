package io.xsql.stream;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/** A queue of its own for one test, on the RabbitMQ broker of this machine (guest/guest); closing deletes it. */
final class RabbitTestQueue implements AutoCloseable {
  static final String URI = "amqp://guest:guest@127.0.0.1:5672";

  final String name = "xsql-" + UUID.randomUUID();
  private final Connection connection;
  private final Channel channel;

  RabbitTestQueue() throws IOException, TimeoutException {
    ConnectionFactory f = new ConnectionFactory();
    try {
      f.setUri(URI);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    connection = f.newConnection("xsql test");
    channel = connection.createChannel();
    channel.queueDeclare(name, false, false, false, null);
  }

  /** Publishes to the queue through the default exchange. */
  synchronized void publish(byte[] body) {
    try {
      channel.basicPublish("", name, null, body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Messages ready in the queue (not taken by a consumer). */
  synchronized long ready() throws IOException {
    return channel.queueDeclarePassive(name).getMessageCount();
  }

  @Override
  public void close() throws IOException, TimeoutException {
    try {
      channel.queueDelete(name);
    } finally {
      connection.close();
    }
  }
}
