package io.xsql.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * An index of a table, as {@code DatabaseMetaData.getIndexInfo} reports it.
 *
 * @param name the index's name
 * @param unique whether it admits each key once
 * @param kind its structure, as far as JDBC distinguishes them
 * @param columns its columns in index order
 * @param filter the condition of a partial index, if it is one
 */
public record TableIndex(String name, boolean unique, Kind kind, List<Column> columns, Optional<String> filter) {
  public TableIndex {
    requireNonNull(name, "name is null");
    requireNonNull(kind, "kind is null");
    columns = List.copyOf(columns);
    requireNonNull(filter, "filter is null");
  }

  /**
   * One column of the index.
   *
   * @param name the column's name, or the expression of an index over an expression as the source shows it
   * @param ascending whether it is sorted ascending; empty if the index has no order (a hash index)
   */
  public record Column(String name, Optional<Boolean> ascending) {
    public Column {
      requireNonNull(name, "name is null");
      requireNonNull(ascending, "ascending is null");
    }
  }

  /** JDBC's index types. */
  public enum Kind {
    CLUSTERED, HASHED, OTHER
  }
}
