package io.xsql.stream;

import io.xsql.spi.Source;
import io.xsql.spi.SourceConfig;
import io.xsql.spi.SourceFactory;
import io.xsql.spi.TableSource;
import java.util.Set;

/** Opens {@code rabbitmq} sources: a RabbitMQ queue as a table named after the source. */
public final class RabbitSourceFactory implements SourceFactory {
  @Override
  public Set<String> types() {
    return Set.of("rabbitmq");
  }

  /** Checks the settings; never touches the network. */
  @Override
  public Source open(SourceConfig config) {
    RabbitConfig rabbit = RabbitConfig.parse(config);
    StreamTable table = new StreamTable(rabbit.messages(), new RabbitBroker(rabbit));
    return (TableSource) () -> table;
  }
}
