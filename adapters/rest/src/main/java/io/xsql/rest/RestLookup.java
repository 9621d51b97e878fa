package io.xsql.rest;

import io.xsql.spi.KeyLookup;
import io.xsql.spi.Predicate;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Lookups by a parameter column: the join's keys become the parameter's values, {@code batch} per request
 * (one per request without it), so the API answers only for the keys asked.
 */
final class RestLookup implements KeyLookup {
  /** Keys per lookup call: the requests it makes still carry {@code batch} each. */
  static final int MAX_BATCH = 1_000;

  private final RestTable table;

  RestLookup(RestTable table) {
    this.table = table;
  }

  @Override
  public boolean supports(List<Integer> keyColumns) {
    return keyColumns.size() == 1 && table.isParameter(keyColumns.get(0));
  }

  @Override
  public int maxBatchSize() {
    return MAX_BATCH;
  }

  @Override
  public RowCursor lookup(List<Integer> keyColumns, List<List<Object>> keys, ScanRequest request) {
    if (!supports(keyColumns)) {
      throw new IllegalArgumentException(table.where() + ": no lookup by columns " + keyColumns);
    }
    List<Predicate> filters = new ArrayList<>(request.filters());
    filters.add(new Predicate.In(keyColumns.get(0), keys.stream().map(k -> k.get(0)).distinct().toList()));
    return table.scan(new ScanRequest(request.columns(), filters, OptionalLong.empty(), request.context()));
  }

  @Override
  public String describe(List<Integer> keyColumns) {
    return table.describe() + " params " + table.config().paramsOf(table.columns().get(keyColumns.get(0)).name())
        .stream().map(p -> p.name() + " (batch " + p.perRequest() + ")").toList();
  }
}
