package io.xsql.spi;

import java.util.List;
import java.util.Optional;

/**
 * What {@code DatabaseMetaData} reports about a table beyond its columns' names and types: comments,
 * column defaults, foreign keys and indexes. A Calcite table that knows any of it returns it from
 * {@code unwrap(TableMetadata.class)}; every method has a default, so a source overrides only what it
 * knows. Calls may reach the source (a database's catalog); the source caches the answers until it is
 * refreshed, and a source that cannot be reached throws a {@link SourceException}.
 */
public interface TableMetadata {

  /** The table's comment ({@code COMMENT ON TABLE}), if it has one. */
  default Optional<String> remarks() {
    return Optional.empty();
  }

  /** What the source says about a column beyond its type, if it says anything. */
  default Optional<ColumnMetadata> column(String name) {
    return Optional.empty();
  }

  /** The foreign keys of this table: the keys of other tables it refers to. */
  default List<ForeignKey> importedKeys() {
    return List.of();
  }

  /** The foreign keys of other tables that refer to this one. */
  default List<ForeignKey> exportedKeys() {
    return List.of();
  }

  /** The table's indexes, unique ones included. */
  default List<TableIndex> indexes() {
    return List.of();
  }
}
