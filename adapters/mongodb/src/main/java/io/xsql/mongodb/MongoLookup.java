package io.xsql.mongodb;

import io.xsql.spi.FilterOp;
import io.xsql.spi.KeyLookup;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanContext;
import io.xsql.spi.ScanRequest;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;

/**
 * Lookups in a collection by key fields: a {@code find} with {@code {field: {$in: [batch]}}} (an {@code $or}
 * of equalities for several fields) and the scan's filters, so that MongoDB answers from an index on the
 * key where there is one and returns only matches.
 */
final class MongoLookup implements KeyLookup {
  /** Key values per {@code find}: as for databases; the filter stays far below MongoDB's 16 MB limit. */
  static final int MAX_BATCH = 10_000;

  /** Stands for the keys of a batch in EXPLAIN. */
  private static final Object KEYS = new Object() {
    @Override
    public String toString() {
      return "<keys>";
    }
  };

  private final MongoTable table;

  MongoLookup(MongoTable table) {
    this.table = table;
  }

  /** Distinct columns whose values MongoDB compares exactly, so that it finds exactly the equal ones. */
  @Override
  public boolean supports(List<Integer> keyColumns) {
    return !keyColumns.isEmpty() && new HashSet<>(keyColumns).size() == keyColumns.size()
        && keyColumns.stream().allMatch(c -> table.canFilter(c, FilterOp.IN));
  }

  @Override
  public int maxBatchSize() {
    return MAX_BATCH;
  }

  @Override
  public RowCursor lookup(List<Integer> keyColumns, List<List<Object>> keys, ScanRequest request) {
    if (!supports(keyColumns) || keys.size() > MAX_BATCH) {
      throw new IllegalArgumentException(table.where() + ": no lookup of " + keys.size() + " keys by columns "
          + keyColumns);
    }
    return table.scan(new ScanRequest(request.columns(), request.filters(), OptionalLong.empty(),
        request.context()), new MongoFilters(table.schema()).keys(keyColumns, keys));
  }

  @Override
  public String describe(List<Integer> keyColumns) {
    List<Object> placeholders = keyColumns.stream().map(c -> KEYS).toList();
    return table.describe(ScanRequest.of(List.of(), ScanContext.detached()),
        new MongoFilters(table.schema()).keys(keyColumns, List.of(placeholders)));
  }
}
