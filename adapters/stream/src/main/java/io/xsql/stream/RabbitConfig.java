package io.xsql.stream;

import static java.util.Objects.requireNonNull;

import com.rabbitmq.client.ConnectionFactory;
import io.xsql.spi.Options;
import io.xsql.spi.SourceConfig;
import java.util.Set;

/**
 * A {@code rabbitmq} source's settings: a queue as a table.
 *
 * @param messages what the messages hold (columns, event time, {@code on_error})
 * @param uri the AMQP URI as the catalog gives it, password included: never print it
 * @param address host, port and virtual host, for messages and EXPLAIN
 * @param queue the queue
 * @param prefetch how many messages a continuous query may hold unacked ({@code basic.qos})
 */
record RabbitConfig(StreamConfig messages, String uri, String address, String queue, int prefetch) {

  private static final Set<String> OWN_KEYS = Set.of("uri", "queue", "prefetch");

  RabbitConfig {
    requireNonNull(messages, "messages is null");
    requireNonNull(uri, "uri is null");
    requireNonNull(address, "address is null");
    requireNonNull(queue, "queue is null");
  }

  static RabbitConfig parse(SourceConfig config) {
    StreamConfig messages = StreamConfig.parse(config, OWN_KEYS);
    Options o = config.options();
    String uri = o.string("uri").orElse("amqp://guest:guest@127.0.0.1:5672");
    return new RabbitConfig(messages, uri, address(o, uri), o.requireString("queue"),
        o.integer("prefetch", 100, 1));
  }

  /** A connection factory for the URI; throws nothing that could show the URI. */
  static ConnectionFactory factory(String uri) {
    ConnectionFactory f = new ConnectionFactory();
    try {
      f.setUri(uri);
    } catch (Exception e) {
      // Neither the URI nor the client's message is shown, nor the cause chained: both may hold the password.
      throw new IllegalArgumentException("not a valid AMQP URI (amqp://user:password@host:port/vhost)");
    }
    return f;
  }

  private static String address(Options o, String uri) {
    try {
      ConnectionFactory f = factory(uri);
      return f.getHost() + ":" + f.getPort() + ("/".equals(f.getVirtualHost()) ? "" : "/" + f.getVirtualHost());
    } catch (IllegalArgumentException e) {
      throw o.error("uri", "is " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "RabbitConfig[source=" + messages.source() + ", address=" + address + ", queue=" + queue + "]";
  }
}
