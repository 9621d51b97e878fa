package io.xsql.trino;

import static java.util.Objects.requireNonNull;

import io.trino.spi.connector.RecordCursor;
import io.trino.spi.connector.RecordSet;
import io.trino.spi.type.Type;
import io.xsql.spi.DataTable;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanContext;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.TablePart;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of one split: a scan of a table part for the columns Trino reads, with the filters the table
 * accepted and the limit.
 */
final class XsqlTrinoRecordSet implements RecordSet {
  private static final Logger LOG = LoggerFactory.getLogger(XsqlTrinoRecordSet.class);
  private final String source;
  private final DataTable table;
  private final XsqlTrinoTableHandle handle;
  private final TablePart part;
  private final List<XsqlTrinoColumnHandle> columns;

  XsqlTrinoRecordSet(String source, DataTable table, XsqlTrinoTableHandle handle, TablePart part,
      List<XsqlTrinoColumnHandle> columns) {
    this.source = requireNonNull(source, "source is null");
    this.table = requireNonNull(table, "table is null");
    this.handle = requireNonNull(handle, "handle is null");
    this.part = requireNonNull(part, "part is null");
    this.columns = List.copyOf(columns);
  }

  @Override
  public List<Type> getColumnTypes() {
    return columns.stream().map(XsqlTrinoColumnHandle::type).toList();
  }

  /**
   * What the scan may report while it reads. Trino stops a canceled query by closing the cursor, which
   * closes the scan, so there is no flag to watch; a warning (rows {@code on_error: skip} set aside) has no
   * way to the Trino client, so it goes to the worker's log.
   */
  private ScanContext context() {
    return ScanContext.detached(message -> LOG.warn("source '{}': {}", source, message));
  }

  @Override
  public RecordCursor cursor() {
    ScanRequest request = new ScanRequest(columns.stream().map(XsqlTrinoColumnHandle::index).toList(),
        XsqlTrinoFilters.predicates(table, handle.constraint()), handle.limit(), context());
    RowCursor rows = XsqlTrinoSources.read(source, () -> table.scan(request, part));
    return new XsqlTrinoRecordCursor(source, rows, getColumnTypes());
  }
}
