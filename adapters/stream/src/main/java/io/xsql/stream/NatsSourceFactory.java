package io.xsql.stream;

import io.xsql.spi.Source;
import io.xsql.spi.SourceConfig;
import io.xsql.spi.SourceFactory;
import io.xsql.spi.TableSource;
import java.util.Set;

/** Opens {@code nats} sources: a NATS JetStream stream as a table named after the source. */
public final class NatsSourceFactory implements SourceFactory {
  @Override
  public Set<String> types() {
    return Set.of("nats");
  }

  /** Checks the settings; never touches the network. */
  @Override
  public Source open(SourceConfig config) {
    NatsConfig nats = NatsConfig.parse(config);
    StreamTable table = new StreamTable(nats.messages(), new NatsBroker(nats));
    return (TableSource) () -> table;
  }
}
