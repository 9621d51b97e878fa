package io.xsql.mongodb;

import io.xsql.spi.Source;
import io.xsql.spi.SourceConfig;
import io.xsql.spi.SourceFactory;
import java.util.Set;

/** Opens {@code mongodb} sources: a schema whose tables are the database's collections. */
public final class MongoSourceFactory implements SourceFactory {
  @Override
  public Set<String> types() {
    return Set.of("mongodb");
  }

  /** Checks the settings; never touches the network, so a server that is down does not delay connecting. */
  @Override
  public Source open(SourceConfig config) {
    return new MongoSource(MongoConfig.parse(config));
  }
}
