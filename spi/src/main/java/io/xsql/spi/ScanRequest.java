package io.xsql.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the engine asks of a table.
 *
 * @param columns the table columns to return, by index, in the order the cursor must give them
 * @param filters predicates the source accepted through {@link DataTable#canFilter}; the cursor returns
 *     only rows satisfying all of them (the engine does not check them again)
 * @param limit how many rows the engine will read at most; a source may stop early, never return fewer
 * @param limitOrder with a limit, which rows it keeps: the first in this order, as the engine orders them
 *     (the engine still sorts what it gets); only for a table whose {@link DataTable#canSort} accepted it
 * @param aggregation a GROUP BY to compute over the filtered rows, which the table accepted through
 *     {@link DataTable#canAggregate}: the rows are then its groups, and {@code columns} is empty
 * @param context cancellation and warnings of the running query
 */
public record ScanRequest(List<Integer> columns, List<Predicate> filters, OptionalLong limit,
    Optional<SortOrder> limitOrder, Optional<Aggregation> aggregation, ScanContext context) {
  public ScanRequest {
    columns = List.copyOf(columns);
    filters = List.copyOf(filters);
    requireNonNull(limit, "limit is null");
    requireNonNull(limitOrder, "limitOrder is null");
    if (limitOrder.isPresent() && limit.isEmpty()) {
      throw new IllegalArgumentException("an order for the limit, but no limit");
    }
    requireNonNull(aggregation, "aggregation is null");
    requireNonNull(context, "context is null");
  }

  /** A request for rows, not groups. */
  public ScanRequest(List<Integer> columns, List<Predicate> filters, OptionalLong limit,
      Optional<SortOrder> limitOrder, ScanContext context) {
    this(columns, filters, limit, limitOrder, Optional.empty(), context);
  }

  /** A request for rows, whose limit, if any, may keep any rows. */
  public ScanRequest(List<Integer> columns, List<Predicate> filters, OptionalLong limit, ScanContext context) {
    this(columns, filters, limit, Optional.empty(), context);
  }

  /** A request for the given columns, with no filter and no limit. */
  public static ScanRequest of(List<Integer> columns, ScanContext context) {
    return new ScanRequest(columns, List.of(), OptionalLong.empty(), context);
  }

  /** The columns as an array, for the hot loop. */
  public int[] columnArray() {
    return columns.stream().mapToInt(Integer::intValue).toArray();
  }
}
