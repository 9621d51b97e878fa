package io.xsql.stream;

import io.xsql.spi.Source;
import io.xsql.spi.SourceConfig;
import io.xsql.spi.SourceFactory;
import io.xsql.spi.TableSource;
import java.util.Set;

/**
 * Opens stream sources, each one table named after the source: {@code nats} (a NATS JetStream stream) and
 * {@code rabbitmq} (a RabbitMQ queue).
 */
public final class StreamSourceFactory implements SourceFactory {
  @Override
  public Set<String> types() {
    return Set.of("nats", "rabbitmq");
  }

  /** Checks the settings; never touches the network. */
  @Override
  public Source open(SourceConfig config) {
    StreamTable table;
    if (config.type().equals("nats")) {
      NatsConfig nats = NatsConfig.parse(config);
      table = new StreamTable(nats.messages(), new NatsBroker(nats));
    } else {
      RabbitConfig rabbit = RabbitConfig.parse(config);
      table = new StreamTable(rabbit.messages(), new RabbitBroker(rabbit));
    }
    return (TableSource) () -> table;
  }
}
