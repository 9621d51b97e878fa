package io.xsql.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A {@link LookupSide}'s answer: the lookup to call and the request that reproduces the node's rows.
 *
 * @param name the table or source, for EXPLAIN and errors
 * @param lookup the table's (or subtree's) lookup
 * @param keyColumns the key columns in the lookup's column numbering, one per join key
 * @param columns the columns to request, giving the node's output fields in order
 * @param tableColumns all columns of the lookup's numbering, for binding parameters in {@code filters}
 * @param filters predicates every returned row must satisfy, as the scan had them (parameters unbound)
 * @param fileIndex whether the lookup reads a memory-mapped file through an index (a mmap join)
 */
public record KeyedRows(String name, KeyLookup lookup, List<Integer> keyColumns, List<Integer> columns,
    List<Column> tableColumns, List<Predicate> filters, boolean fileIndex) {
  public KeyedRows {
    requireNonNull(name, "name is null");
    requireNonNull(lookup, "lookup is null");
    keyColumns = List.copyOf(keyColumns);
    columns = List.copyOf(columns);
    tableColumns = List.copyOf(tableColumns);
    filters = List.copyOf(filters);
  }
}
