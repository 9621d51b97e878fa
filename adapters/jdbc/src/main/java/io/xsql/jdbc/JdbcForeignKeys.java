package io.xsql.jdbc;

import io.xsql.spi.ForeignKey;
import java.util.List;

/**
 * The foreign keys a table takes part in.
 *
 * @param imported its own, referring to other tables
 * @param exported those of other tables referring to it
 */
record JdbcForeignKeys(List<ForeignKey> imported, List<ForeignKey> exported) {
  JdbcForeignKeys {
    imported = List.copyOf(imported);
    exported = List.copyOf(exported);
  }

  static final JdbcForeignKeys NONE = new JdbcForeignKeys(List.of(), List.of());
}
