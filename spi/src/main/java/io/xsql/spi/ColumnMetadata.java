package io.xsql.spi;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What a source says about a column beyond its name and type (see {@link TableMetadata#column}).
 *
 * @param name the column's name as the source spells it
 * @param remarks its comment, if it has one
 * @param defaultValue the default as the source writes it ({@code nextval('orders_id_seq'::regclass)})
 * @param autoIncrement whether the source numbers new rows itself (serial, identity, AUTO_INCREMENT)
 * @param generated whether the source computes the value from other columns
 */
public record ColumnMetadata(String name, Optional<String> remarks, Optional<String> defaultValue,
    boolean autoIncrement, boolean generated) {
  public ColumnMetadata {
    requireNonNull(name, "name is null");
    requireNonNull(remarks, "remarks is null");
    requireNonNull(defaultValue, "defaultValue is null");
  }
}
