package io.xsql.jdbc;

import io.xsql.spi.PrimaryKey;
import java.util.List;
import java.util.Optional;

/**
 * What makes a table's rows unique.
 *
 * @param primaryKey the primary key, if the table has one
 * @param uniqueKeys the columns of each unique index over NOT NULL columns only (a unique index over a
 *     nullable column still allows several NULLs, so it is no key), primary key included
 */
record JdbcKeys(Optional<PrimaryKey> primaryKey, List<List<String>> uniqueKeys) {
  static final JdbcKeys NONE = new JdbcKeys(Optional.empty(), List.of());
}
