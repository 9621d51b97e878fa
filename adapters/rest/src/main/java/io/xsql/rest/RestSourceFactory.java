package io.xsql.rest;

import io.xsql.spi.Source;
import io.xsql.spi.SourceConfig;
import io.xsql.spi.SourceFactory;
import java.util.Set;

/** Opens {@code rest} sources: an HTTP JSON API's listings as tables. */
public final class RestSourceFactory implements SourceFactory {
  @Override
  public Set<String> types() {
    return Set.of("rest");
  }

  /** Checks the settings; never touches the network. */
  @Override
  public Source open(SourceConfig config) {
    return new RestSource(RestConfig.parse(config));
  }
}
