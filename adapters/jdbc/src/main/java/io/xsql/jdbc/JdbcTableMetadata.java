package io.xsql.jdbc;

import io.xsql.spi.ColumnMetadata;
import io.xsql.spi.ForeignKey;
import io.xsql.spi.TableIndex;
import io.xsql.spi.TableMetadata;
import java.util.List;
import java.util.Optional;

/**
 * What {@code DatabaseMetaData} reports of a database table beyond its columns: comments and defaults,
 * read with the table's columns, and indexes and foreign keys, read from the database on first ask and
 * kept until the source is refreshed.
 */
final class JdbcTableMetadata implements TableMetadata {
  private final JdbcSource source;
  private final JdbcTableInfo table;

  JdbcTableMetadata(JdbcSource source, JdbcTableInfo table) {
    this.source = source;
    this.table = table;
  }

  @Override
  public Optional<String> remarks() {
    return table.remarks();
  }

  @Override
  public Optional<ColumnMetadata> column(String name) {
    return Optional.ofNullable(table.described().get(name));
  }

  @Override
  public List<ForeignKey> importedKeys() {
    return source.foreignKeys(table).imported();
  }

  @Override
  public List<ForeignKey> exportedKeys() {
    return source.foreignKeys(table).exported();
  }

  @Override
  public List<TableIndex> indexes() {
    return source.keys(table).indexes();
  }
}
