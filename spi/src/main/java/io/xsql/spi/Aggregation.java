package io.xsql.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalInt;

/**
 * A GROUP BY for a source to compute itself ({@link DataTable#canAggregate}): a scan with an aggregation
 * returns one row per group, the group columns' values then one value per call, in the engine's
 * representation: COUNT as a {@code Long} (0 for no rows); SUM of an INTEGER column as a {@code Long} (the
 * engine sums integers as BIGINT), SUM of others, MIN and MAX in the column's class; null when the group
 * has no non-null value; a SUM that does not fit its type fails the scan. Groups are
 * formed as SQL forms them, all NULLs in one. Without group columns there is exactly one row, even when no
 * row matches the filters.
 *
 * @param groupBy the table columns to group by
 * @param calls the aggregates, in output order
 */
public record Aggregation(List<Integer> groupBy, List<Call> calls) {
  public Aggregation {
    groupBy = List.copyOf(groupBy);
    calls = List.copyOf(calls);
  }

  /** The aggregate functions a source may compute. */
  public enum Function { COUNT, SUM, MIN, MAX }

  /** The type of a call's result over a column of this type (COUNT's is BIGINT whatever the column). */
  public static TypeKind resultKind(Function function, TypeKind column) {
    return function == Function.COUNT || function == Function.SUM && column == TypeKind.INTEGER
        ? TypeKind.BIGINT : column;
  }

  /**
   * One aggregate.
   *
   * @param function the function
   * @param column its argument, a table column; empty only for {@code COUNT(*)}
   */
  public record Call(Function function, OptionalInt column) {
    public Call {
      requireNonNull(function, "function is null");
      requireNonNull(column, "column is null");
      if (column.isEmpty() && function != Function.COUNT) {
        throw new IllegalArgumentException(function + " needs a column");
      }
    }
  }
}
