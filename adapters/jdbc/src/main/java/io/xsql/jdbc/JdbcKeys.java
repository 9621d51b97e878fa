package io.xsql.jdbc;

import io.xsql.spi.PrimaryKey;
import io.xsql.spi.TableIndex;
import java.util.List;
import java.util.Optional;

/**
 * What makes a table's rows unique, and its indexes.
 *
 * @param primaryKey the primary key, if the table has one
 * @param uniqueKeys the columns of each unique index over NOT NULL columns only (a unique index over a
 *     nullable column still allows several NULLs, so it is no key), primary key included
 * @param indexes every index of the table, as the database reports them
 */
record JdbcKeys(Optional<PrimaryKey> primaryKey, List<List<String>> uniqueKeys, List<TableIndex> indexes) {
  static final JdbcKeys NONE = new JdbcKeys(Optional.empty(), List.of(), List.of());

  JdbcKeys {
    uniqueKeys = List.copyOf(uniqueKeys);
    indexes = List.copyOf(indexes);
  }
}
