package io.xsql.stream;

import com.rabbitmq.client.AMQP;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashSet;

/**
 * The messages a continuous read of a queue handed to the query lately, so that one RabbitMQ delivers again
 * after a reconnect (its ack was sent, but lost with the connection) is not handed out twice. A message is
 * known by its {@code message_id}, or by a digest of its body when the publisher set none; only deliveries
 * RabbitMQ marks as redelivered are compared. Used by one read at a time.
 */
final class RabbitHandedOut {
  private final int capacity;
  /** In the order handed out: the oldest leave first. */
  private final LinkedHashSet<Object> keys = new LinkedHashSet<>();

  /** Remembers up to {@code capacity} messages: more than can be in flight when a connection drops. */
  RabbitHandedOut(int capacity) {
    this.capacity = capacity;
  }

  /** What a message is known by. */
  static Object key(AMQP.BasicProperties properties, byte[] body) {
    String id = properties == null ? null : properties.getMessageId();
    if (id != null) {
      return id;
    }
    try {
      return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  void add(Object key) {
    keys.add(key);
    if (keys.size() > capacity) {
      keys.remove(keys.iterator().next());
    }
  }

  boolean contains(Object key) {
    return keys.contains(key);
  }
}
