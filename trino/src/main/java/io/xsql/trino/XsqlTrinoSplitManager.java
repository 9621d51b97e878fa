package io.xsql.trino;

import static java.util.Objects.requireNonNull;

import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplitManager;
import io.trino.spi.connector.ConnectorSplitSource;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.Constraint;
import io.trino.spi.connector.FixedSplitSource;
import io.xsql.spi.DataTable;
import java.util.Set;

/**
 * Cuts a table into splits by the parts its source offers ({@link DataTable#parts}): a file source by file,
 * and a large uncompressed JSON Lines file also by byte range; an API listing with offset or page paging by
 * page ranges; a MongoDB collection by {@code _id} ranges; other sources are one split.
 */
public final class XsqlTrinoSplitManager implements ConnectorSplitManager {
  private final XsqlTrinoSources sources;

  XsqlTrinoSplitManager(XsqlTrinoSources sources) {
    this.sources = requireNonNull(sources, "sources is null");
  }

  @Override
  public ConnectorSplitSource getSplits(ConnectorTransactionHandle transaction, ConnectorSession session,
      ConnectorTableHandle table, Set<ColumnHandle> columns, Constraint constraint) {
    XsqlTrinoTableHandle handle = (XsqlTrinoTableHandle) table;
    if (handle.constraint().isNone()) {
      return FixedSplitSource.emptySplitSource();
    }
    DataTable data = sources.existing(handle.name());
    return new FixedSplitSource(XsqlTrinoSources.read(XsqlTrinoSources.sourceOf(handle.name()),
        () -> data.parts(sources.config().splitBytes())).stream().map(XsqlTrinoSplit::of).toList());
  }
}
