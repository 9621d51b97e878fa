package io.xsql.trino;

import io.trino.spi.connector.Connector;
import io.trino.spi.connector.ConnectorContext;
import io.trino.spi.connector.ConnectorFactory;
import java.util.Map;

/** Makes the {@code xsql} connector of a Trino catalog file. */
public final class XsqlTrinoConnectorFactory implements ConnectorFactory {
  /** The {@code connector.name} of a Trino catalog file that uses this connector. */
  public static final String NAME = "xsql";

  @Override
  public String getName() {
    return NAME;
  }

  /**
   * Checks the catalog properties now (a bad key fails the server's start, as Trino's own connectors do);
   * the xsql catalog itself is read on first use, so that a missing or broken one fails the queries that
   * use it with a message naming it, and every other Trino catalog stays usable.
   */
  @Override
  public Connector create(String catalogName, Map<String, String> config, ConnectorContext context) {
    return new XsqlTrinoConnector(new XsqlTrinoSources(XsqlTrinoConfig.parse(config)));
  }
}
