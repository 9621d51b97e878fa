package io.xsql.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A table's primary key, which {@code DatabaseMetaData.getPrimaryKeys} reports. A Calcite table that has
 * one returns it from {@code unwrap(PrimaryKey.class)}.
 *
 * @param name the constraint's name, if the source names it
 * @param columns the key's columns in key order
 */
public record PrimaryKey(Optional<String> name, List<String> columns) {
  public PrimaryKey {
    requireNonNull(name, "name is null");
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a primary key has at least one column");
    }
  }
}
