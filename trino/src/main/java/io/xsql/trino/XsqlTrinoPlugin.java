package io.xsql.trino;

import io.trino.spi.Plugin;
import io.trino.spi.connector.ConnectorFactory;
import java.util.List;

/** The Trino plugin: one connector, named {@code xsql}, that serves an xsql catalog's sources. */
public final class XsqlTrinoPlugin implements Plugin {

  @Override
  public Iterable<ConnectorFactory> getConnectorFactories() {
    return List.of(new XsqlTrinoConnectorFactory());
  }
}
