package io.xsql.file;

import io.xsql.spi.Column;
import io.xsql.spi.DataTable;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SourceException;
import java.util.List;

/** A file whose columns could not be read: every use fails with the reason. */
final class UnreadableTable implements DataTable {
  private final SourceException reason;

  UnreadableTable(SourceException reason) {
    this.reason = reason;
  }

  private SourceException failure() {
    return new SourceException(reason.code(), reason.getMessage(), reason);
  }

  @Override
  public List<Column> columns() {
    throw failure();
  }

  @Override
  public RowCursor scan(ScanRequest request) {
    throw failure();
  }
}
