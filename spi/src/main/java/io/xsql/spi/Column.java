package io.xsql.spi;

import static java.util.Objects.requireNonNull;

/**
 * One column of a table.
 *
 * @param name the name as the source spells it; SQL matches it case-insensitively unless quoted
 * @param type the SQL type
 * @param nullable whether values may be null
 */
public record Column(String name, ColumnType type, boolean nullable) {
  public Column {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
  }

  /** A nullable column of the given kind, which is not ARRAY (see {@link ColumnType#array}). */
  public static Column of(String name, TypeKind kind) {
    return new Column(name, ColumnType.of(kind), true);
  }
}
