package io.xsql.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A table whose {@link #keyLookup()} goes through its source's {@link LookupCache}; everything else is the
 * table's own.
 *
 * @param name the table as messages name it ({@code source.table}, or a file source's name)
 * @param table the table
 * @param cache its source's cache
 */
record CachingTable(String name, DataTable table, LookupCache cache) implements DataTable {
  @Override
  public Optional<KeyLookup> keyLookup() {
    return table.keyLookup().map(l -> new CachedLookup(name, l, cache));
  }

  @Override
  public List<Column> columns() {
    return table.columns();
  }

  @Override
  public RowCursor scan(ScanRequest request) {
    return table.scan(request);
  }

  @Override
  public boolean canFilter(int column, FilterOp op) {
    return table.canFilter(column, op);
  }

  @Override
  public boolean canFilterAlternatives() {
    return table.canFilterAlternatives();
  }

  @Override
  public boolean canLimit() {
    return table.canLimit();
  }

  @Override
  public boolean canSort(SortOrder order) {
    return table.canSort(order);
  }

  @Override
  public boolean canAggregate(Aggregation aggregation) {
    return table.canAggregate(aggregation);
  }

  @Override
  public boolean groupsInOrder(Aggregation aggregation) {
    return table.groupsInOrder(aggregation);
  }

  @Override
  public Optional<SortOrder> sortOrder() {
    return table.sortOrder();
  }

  @Override
  public Optional<Object> version() {
    return table.version();
  }

  @Override
  public boolean orderKnown(Object version) {
    return table.orderKnown(version);
  }

  @Override
  public void orderConfirmed(Object version) {
    table.orderConfirmed(version);
  }

  @Override
  public List<TablePart> parts(long bytesPerPart) {
    return table.parts(bytesPerPart);
  }

  @Override
  public RowCursor scan(ScanRequest request, TablePart part) {
    return table.scan(request, part);
  }

  @Override
  public OptionalLong estimatedRowCount() {
    return table.estimatedRowCount();
  }

  @Override
  public OptionalLong distinctValues(int column) {
    return table.distinctValues(column);
  }

  @Override
  public Optional<DataTable> stream() {
    return table.stream();
  }

  @Override
  public EventTime eventTime() {
    return table.eventTime();
  }

  @Override
  public Optional<LookupBatch> lookupBatch() {
    return table.lookupBatch();
  }

  @Override
  public Optional<Path> backingFile() {
    return table.backingFile();
  }

  @Override
  public TableMetadata metadata() {
    return table.metadata();
  }

  @Override
  public String describe() {
    return table.describe();
  }

  @Override
  public String describe(ScanRequest request) {
    return table.describe(request);
  }
}
