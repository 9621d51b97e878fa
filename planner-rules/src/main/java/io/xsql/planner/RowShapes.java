package io.xsql.planner;

import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.runtime.FlatLists;

/**
 * Calcite's row shapes for a column count ({@code JavaRowFormat.ARRAY} optimized): an {@code Object[]}
 * for several columns, the bare value for one, an empty comparable list for none. Operators that compute
 * with arrays hand their rows out in the shape their generated code declares.
 */
public final class RowShapes {
  private RowShapes() {}

  /** A row in Calcite's shape for its length. */
  static Object shape(Object[] row) {
    return switch (row.length) {
      case 0 -> FlatLists.COMPARABLE_EMPTY_LIST;
      case 1 -> row[0];
      default -> row;
    };
  }

  /** Called by generated code: rows of {@code width} columns in Calcite's shape. */
  public static Enumerable<Object> shaped(Enumerable<Object[]> rows, int width) {
    return width >= 2 ? (Enumerable) rows : rows.select(RowShapes::shape);
  }
}
