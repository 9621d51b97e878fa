package io.xsql.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalLong;

/**
 * What the engine asks of a table.
 *
 * @param columns the table columns to return, by index, in the order the cursor must give them
 * @param filters predicates the source accepted through {@link DataTable#canFilter}; the cursor returns
 *     only rows satisfying all of them (the engine does not check them again)
 * @param limit how many rows the engine will read at most; a source may stop early, never return fewer
 * @param context cancellation and warnings of the running query
 */
public record ScanRequest(
    List<Integer> columns, List<Predicate> filters, OptionalLong limit, ScanContext context) {
  public ScanRequest {
    columns = List.copyOf(columns);
    filters = List.copyOf(filters);
    requireNonNull(limit, "limit is null");
    requireNonNull(context, "context is null");
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
