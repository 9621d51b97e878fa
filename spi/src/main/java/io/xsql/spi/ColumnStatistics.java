package io.xsql.spi;

import java.util.OptionalDouble;

/**
 * What a source's own statistics say of a table's columns, for the planner's estimates: a database table
 * answers from what {@code ANALYZE} keeps. Tables reached through {@code unwrap(ColumnStatistics.class)}.
 */
@FunctionalInterface
public interface ColumnStatistics {

  /**
   * An estimate of the number of distinct non-null values of a column.
   *
   * @param column the column's index in the table's row type
   */
  OptionalDouble distinctValues(int column);
}
