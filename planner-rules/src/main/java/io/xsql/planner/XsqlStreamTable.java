package io.xsql.planner;

import io.xsql.spi.DataTable;
import org.apache.calcite.schema.StreamableTable;

/**
 * A source's table that is also a stream ({@link DataTable#stream()}). As a {@link StreamableTable}, Calcite's
 * validator accepts {@code SELECT STREAM} over it, which plans as a {@code Delta} over its scan;
 * {@link XsqlStreamScanRule} replaces the two by a scan of {@link #stream()}, whose rows never end. Without
 * STREAM it is read as it stands, like any table (the driver's validator allows that).
 */
public final class XsqlStreamTable extends XsqlTable implements StreamableTable {
  private final XsqlTable stream;

  XsqlStreamTable(String name, DataTable table, DataTable stream) {
    super(name, table);
    this.stream = new XsqlTable(name, stream);
  }

  /** The table whose scans follow the stream. */
  @Override
  public XsqlTable stream() {
    return stream;
  }
}
