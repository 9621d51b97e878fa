package io.xsql.jdbc;

import io.xsql.spi.ForeignKey;
import io.xsql.spi.PrimaryKey;
import io.xsql.spi.TableIndex;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a table's keys and indexes through the database driver's {@code DatabaseMetaData}, so that xsql
 * reports what pgjdbc or MariaDB Connector/J report for the same table.
 */
final class JdbcKeyReader {
  private JdbcKeyReader() {}

  /** The primary key, the unique keys the planner may rely on, and every index. */
  static JdbcKeys keys(Connection c, JdbcTableInfo table) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    String catalog = table.namespace().catalog().orElse(null);
    String schema = table.namespace().schema().orElse(null);
    Map<Integer, String> columns = new TreeMap<>();
    String name = null;
    try (ResultSet rs = meta.getPrimaryKeys(catalog, schema, table.name())) {
      while (rs.next()) {
        columns.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
        name = rs.getString("PK_NAME");
      }
    }
    Optional<PrimaryKey> primaryKey = columns.isEmpty() ? Optional.empty()
        : Optional.of(new PrimaryKey(Optional.ofNullable(name), List.copyOf(columns.values())));
    List<TableIndex> indexes = indexes(meta, catalog, schema, table.name());
    Set<String> notNull = new HashSet<>();
    table.columns().stream().filter(col -> !col.nullable()).forEach(col -> notNull.add(col.name()));
    List<List<String>> unique = new ArrayList<>();
    primaryKey.ifPresent(pk -> unique.add(pk.columns()));
    for (TableIndex index : indexes) {
      List<String> key = index.columns().stream().map(TableIndex.Column::name).toList();
      // An index over an expression, or with a condition, is no key over columns.
      if (index.unique() && index.filter().isEmpty() && notNull.containsAll(key) && !unique.contains(key)) {
        unique.add(key);
      }
    }
    return new JdbcKeys(primaryKey, unique, indexes);
  }

  private static List<TableIndex> indexes(DatabaseMetaData meta, String catalog, String schema, String table)
      throws SQLException {
    record Part(String index, boolean unique, short type, Optional<String> filter) {}
    Map<Part, Map<Integer, TableIndex.Column>> parts = new LinkedHashMap<>();
    try (ResultSet rs = meta.getIndexInfo(catalog, schema, table, false, true)) {
      while (rs.next()) {
        String index = rs.getString("INDEX_NAME");
        short type = rs.getShort("TYPE");
        if (index == null || type == DatabaseMetaData.tableIndexStatistic) {
          continue;
        }
        String column = rs.getString("COLUMN_NAME");
        String order = rs.getString("ASC_OR_DESC");
        Part part = new Part(index, !rs.getBoolean("NON_UNIQUE"), type,
            Optional.ofNullable(rs.getString("FILTER_CONDITION")).filter(f -> !f.isBlank()));
        parts.computeIfAbsent(part, p -> new TreeMap<>()).put(rs.getInt("ORDINAL_POSITION"),
            new TableIndex.Column(column == null ? "" : column,
                order == null ? Optional.empty() : Optional.of(!order.equals("D"))));
      }
    }
    List<TableIndex> out = new ArrayList<>();
    parts.forEach((p, cols) -> out.add(new TableIndex(p.index(), p.unique(), kind(p.type()),
        List.copyOf(cols.values()), p.filter())));
    return out;
  }

  private static TableIndex.Kind kind(short type) {
    return switch (type) {
      case DatabaseMetaData.tableIndexClustered -> TableIndex.Kind.CLUSTERED;
      case DatabaseMetaData.tableIndexHashed -> TableIndex.Kind.HASHED;
      default -> TableIndex.Kind.OTHER;
    };
  }

  /**
   * The foreign keys of the table and those referring to it.
   *
   * @param byCatalog whether the database's schemas are JDBC catalogs (MySQL's databases)
   * @param defaultNamespace the source's default schema, whose tables have no schema below the source's
   */
  static JdbcForeignKeys foreignKeys(Connection c, JdbcTableInfo table, boolean byCatalog,
      Optional<String> defaultNamespace) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    String catalog = table.namespace().catalog().orElse(null);
    String schema = table.namespace().schema().orElse(null);
    List<ForeignKey> imported;
    try (ResultSet rs = meta.getImportedKeys(catalog, schema, table.name())) {
      imported = foreignKeys(rs, byCatalog, defaultNamespace);
    }
    List<ForeignKey> exported;
    try (ResultSet rs = meta.getExportedKeys(catalog, schema, table.name())) {
      exported = foreignKeys(rs, byCatalog, defaultNamespace);
    }
    return new JdbcForeignKeys(imported, exported);
  }

  /** Rows of {@code getImportedKeys}/{@code getExportedKeys}, one per column, as keys. */
  private static List<ForeignKey> foreignKeys(ResultSet rs, boolean byCatalog, Optional<String> defaultNamespace)
      throws SQLException {
    record Key(List<String> pkSchema, String pkTable, List<String> fkSchema, String fkTable, String name) {}
    record Columns(Map<Integer, String> primary, Map<Integer, String> foreign, ForeignKey.Rule onUpdate,
        ForeignKey.Rule onDelete, Optional<String> pkName, ForeignKey.Deferrability deferrability) {}
    Map<Key, Columns> keys = new LinkedHashMap<>();
    while (rs.next()) {
      String name = rs.getString("FK_NAME");
      Key key = new Key(
          schema(byCatalog ? rs.getString("PKTABLE_CAT") : rs.getString("PKTABLE_SCHEM"), defaultNamespace),
          rs.getString("PKTABLE_NAME"),
          schema(byCatalog ? rs.getString("FKTABLE_CAT") : rs.getString("FKTABLE_SCHEM"), defaultNamespace),
          rs.getString("FKTABLE_NAME"), name == null ? "" : name);
      Columns columns = keys.get(key);
      if (columns == null) {
        columns = new Columns(new TreeMap<>(), new TreeMap<>(), rule(rs.getShort("UPDATE_RULE")),
            rule(rs.getShort("DELETE_RULE")), Optional.ofNullable(rs.getString("PK_NAME")),
            deferrability(rs.getShort("DEFERRABILITY")));
        keys.put(key, columns);
      }
      int seq = rs.getInt("KEY_SEQ");
      columns.primary().put(seq, rs.getString("PKCOLUMN_NAME"));
      columns.foreign().put(seq, rs.getString("FKCOLUMN_NAME"));
    }
    List<ForeignKey> out = new ArrayList<>();
    keys.forEach((k, cols) -> out.add(new ForeignKey(Optional.of(k.name()).filter(n -> !n.isEmpty()),
        new ForeignKey.Side(k.pkSchema(), k.pkTable(), List.copyOf(cols.primary().values())),
        new ForeignKey.Side(k.fkSchema(), k.fkTable(), List.copyOf(cols.foreign().values())),
        cols.onUpdate(), cols.onDelete(), cols.pkName(), cols.deferrability())));
    return out;
  }

  /** A table's schema below the source's: none for the source's default schema. */
  private static List<String> schema(String namespace, Optional<String> defaultNamespace) {
    return namespace == null || defaultNamespace.equals(Optional.of(namespace)) ? List.of() : List.of(namespace);
  }

  private static ForeignKey.Rule rule(short rule) {
    return switch (rule) {
      case DatabaseMetaData.importedKeyCascade -> ForeignKey.Rule.CASCADE;
      case DatabaseMetaData.importedKeyRestrict -> ForeignKey.Rule.RESTRICT;
      case DatabaseMetaData.importedKeySetNull -> ForeignKey.Rule.SET_NULL;
      case DatabaseMetaData.importedKeySetDefault -> ForeignKey.Rule.SET_DEFAULT;
      default -> ForeignKey.Rule.NO_ACTION;
    };
  }

  private static ForeignKey.Deferrability deferrability(short d) {
    return switch (d) {
      case DatabaseMetaData.importedKeyInitiallyDeferred -> ForeignKey.Deferrability.INITIALLY_DEFERRED;
      case DatabaseMetaData.importedKeyInitiallyImmediate -> ForeignKey.Deferrability.INITIALLY_IMMEDIATE;
      default -> ForeignKey.Deferrability.NOT_DEFERRABLE;
    };
  }
}
