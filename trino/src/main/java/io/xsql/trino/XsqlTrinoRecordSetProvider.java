package io.xsql.trino;

import static java.util.Objects.requireNonNull;

import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ConnectorRecordSetProvider;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplit;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.RecordSet;
import java.util.List;

/** Reads a split on a worker: the part of the table, with the handle's filters and limit. */
public final class XsqlTrinoRecordSetProvider implements ConnectorRecordSetProvider {
  private final XsqlTrinoSources sources;

  XsqlTrinoRecordSetProvider(XsqlTrinoSources sources) {
    this.sources = requireNonNull(sources, "sources is null");
  }

  @Override
  public RecordSet getRecordSet(ConnectorTransactionHandle transaction, ConnectorSession session,
      ConnectorSplit split, ConnectorTableHandle table, List<? extends ColumnHandle> columns) {
    XsqlTrinoTableHandle handle = (XsqlTrinoTableHandle) table;
    return new XsqlTrinoRecordSet(XsqlTrinoSources.sourceOf(handle.name()), sources.existing(handle.name()), handle,
        ((XsqlTrinoSplit) split).part(), columns.stream().map(XsqlTrinoColumnHandle.class::cast).toList());
  }
}
