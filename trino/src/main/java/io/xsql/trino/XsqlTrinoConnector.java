package io.xsql.trino;

import static java.util.Objects.requireNonNull;

import io.trino.spi.connector.Connector;
import io.trino.spi.connector.ConnectorMetadata;
import io.trino.spi.connector.ConnectorRecordSetProvider;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplitManager;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.transaction.IsolationLevel;

/** The connector of one Trino catalog: the sources of one xsql catalog, read only. */
public final class XsqlTrinoConnector implements Connector {
  private final XsqlTrinoSources sources;
  private final XsqlTrinoMetadata metadata;
  private final XsqlTrinoSplitManager splitManager;
  private final XsqlTrinoRecordSetProvider recordSetProvider;

  /** A connector over the given sources, which it closes on shutdown. */
  public XsqlTrinoConnector(XsqlTrinoSources sources) {
    this.sources = requireNonNull(sources, "sources is null");
    this.metadata = new XsqlTrinoMetadata(sources);
    this.splitManager = new XsqlTrinoSplitManager(sources);
    this.recordSetProvider = new XsqlTrinoRecordSetProvider(sources);
  }

  @Override
  public ConnectorTransactionHandle beginTransaction(IsolationLevel level, boolean readOnly, boolean autoCommit) {
    return XsqlTrinoTransactionHandle.INSTANCE;
  }

  @Override
  public ConnectorMetadata getMetadata(ConnectorSession session, ConnectorTransactionHandle transaction) {
    return metadata;
  }

  @Override
  public ConnectorSplitManager getSplitManager() {
    return splitManager;
  }

  @Override
  public ConnectorRecordSetProvider getRecordSetProvider() {
    return recordSetProvider;
  }

  @Override
  public void shutdown() {
    sources.close();
  }
}
