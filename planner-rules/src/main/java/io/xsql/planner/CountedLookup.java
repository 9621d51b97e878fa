package io.xsql.planner;

import io.xsql.spi.ForwardingLookup;
import io.xsql.spi.KeyLookup;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SourceOperation;
import java.util.List;

/**
 * A table's lookups, each batch counted as a call of the query's {@code lookup} operation on the table, and
 * a lookup join's switch to reading it whole as a call of its {@code scan} operation.
 */
record CountedLookup(String table, KeyLookup lookup) implements ForwardingLookup {
  @Override
  public RowCursor lookup(List<Integer> keyColumns, List<List<Object>> keys, ScanRequest request) {
    RowCursor cursor = lookup.lookup(keyColumns, keys, request);
    return new CountedCursor(cursor, request.context().activity(SourceOperation.of(table, "lookup",
        lookup.describe(keyColumns))));
  }

  @Override
  public RowCursor scan(List<Integer> keyColumns, ScanRequest request) {
    RowCursor cursor = lookup.scan(keyColumns, request);
    return new CountedCursor(cursor, request.context().activity(SourceOperation.of(table, "scan",
        lookup.describe(keyColumns))));
  }
}
