package io.xsql.driver;

import io.xsql.spi.ForeignKey;
import io.xsql.spi.PrimaryKey;
import io.xsql.spi.TableIndex;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.Wrapper;

/**
 * The rows of {@code getPrimaryKeys}, {@code getImportedKeys}, {@code getExportedKeys},
 * {@code getCrossReference} and {@code getIndexInfo}, from what sources say of their tables
 * ({@link PrimaryKey}, {@link io.xsql.spi.TableMetadata}). Schemas are named as {@link MetaSchemas} names
 * them; table names are exact, not patterns, as JDBC specifies; a NULL schema searches every schema.
 */
public final class MetaKeys {
  /** The columns of {@code getPrimaryKeys}. */
  public static final MetaLayout PRIMARY_KEYS = MetaLayout.of("TABLE_CAT", String.class, "TABLE_SCHEM",
      String.class, "TABLE_NAME", String.class, "COLUMN_NAME", String.class, "KEY_SEQ", short.class,
      "PK_NAME", String.class);

  /** The columns of {@code getImportedKeys}, {@code getExportedKeys} and {@code getCrossReference}. */
  public static final MetaLayout FOREIGN_KEYS = MetaLayout.of("PKTABLE_CAT", String.class, "PKTABLE_SCHEM",
      String.class, "PKTABLE_NAME", String.class, "PKCOLUMN_NAME", String.class, "FKTABLE_CAT", String.class,
      "FKTABLE_SCHEM", String.class, "FKTABLE_NAME", String.class, "FKCOLUMN_NAME", String.class,
      "KEY_SEQ", short.class, "UPDATE_RULE", short.class, "DELETE_RULE", short.class, "FK_NAME", String.class,
      "PK_NAME", String.class, "DEFERRABILITY", short.class);

  /** The columns of {@code getIndexInfo}. */
  public static final MetaLayout INDEXES = MetaLayout.of("TABLE_CAT", String.class, "TABLE_SCHEM", String.class,
      "TABLE_NAME", String.class, "NON_UNIQUE", boolean.class, "INDEX_QUALIFIER", String.class,
      "INDEX_NAME", String.class, "TYPE", short.class, "ORDINAL_POSITION", short.class, "COLUMN_NAME",
      String.class, "ASC_OR_DESC", String.class, "CARDINALITY", long.class, "PAGES", long.class,
      "FILTER_CONDITION", String.class);

  private final SchemaPlus root;

  /** Keys over a connection's root schema. */
  public MetaKeys(SchemaPlus root) {
    this.root = root;
  }

  /** The tables a call names: one schema's (or every schema's, for NULL) table of that exact name. */
  private List<MetaTables.Entry> named(String schema, String table) {
    List<MetaSchemas.Entry> schemas = schema == null ? MetaSchemas.list(root, MetaPattern.of(null))
        : MetaSchemas.find(root, schema).map(List::of).orElse(List.of());
    List<MetaTables.Entry> out = new ArrayList<>();
    for (MetaSchemas.Entry s : schemas) {
      Table t = table == null ? null : s.schema().tables().get(table);
      if (t != null) {
        out.add(new MetaTables.Entry(s, table, t));
      }
    }
    return out;
  }

  /**
   * The rows of {@code getPrimaryKeys}, in key order as pgjdbc and Connector/J give them (JDBC says by
   * column name; tools rebuild the key from KEY_SEQ either way).
   */
  public List<Object[]> primaryKeys(String schema, String table) {
    List<Object[]> rows = new ArrayList<>();
    for (MetaTables.Entry t : named(schema, table)) {
      Optional<PrimaryKey> key = primaryKey(t.table());
      for (int i = 0; key.isPresent() && i < key.get().columns().size(); i++) {
        rows.add(new Object[] {null, t.schema().name(), t.name(), key.get().columns().get(i), (short) (i + 1),
            key.get().name().orElse(null)});
      }
    }
    rows.sort(Comparator.comparing((Object[] r) -> (String) r[1]).thenComparing(r -> (String) r[2])
        .thenComparing(r -> (Short) r[4]));
    return rows;
  }

  private static Optional<PrimaryKey> primaryKey(Table t) {
    return MetaTables.read(() -> Optional.ofNullable(t instanceof Wrapper w ? w.unwrap(PrimaryKey.class) : null),
        Optional.empty());
  }

  /** The rows of {@code getImportedKeys}: the foreign keys of the table. */
  public List<Object[]> importedKeys(String schema, String table) {
    List<Object[]> rows = new ArrayList<>();
    for (MetaTables.Entry t : named(schema, table)) {
      for (ForeignKey fk : MetaTables.read(() -> t.metadata().importedKeys(), List.<ForeignKey>of())) {
        rows.addAll(foreignKeyRows(source(t), fk));
      }
    }
    rows.sort(order(0));
    return rows;
  }

  /** The rows of {@code getExportedKeys}: the foreign keys that refer to the table. */
  public List<Object[]> exportedKeys(String schema, String table) {
    List<Object[]> rows = new ArrayList<>();
    for (MetaTables.Entry t : named(schema, table)) {
      for (ForeignKey fk : MetaTables.read(() -> t.metadata().exportedKeys(), List.<ForeignKey>of())) {
        rows.addAll(foreignKeyRows(source(t), fk));
      }
    }
    rows.sort(order(4));
    return rows;
  }

  /** The rows of {@code getCrossReference}: the foreign keys of one table that refer to another. */
  public List<Object[]> crossReference(String parentSchema, String parentTable, String foreignSchema,
      String foreignTable) {
    List<Object[]> rows = new ArrayList<>();
    for (Object[] r : importedKeys(foreignSchema, foreignTable)) {
      if ((parentSchema == null || parentSchema.equals(r[1])) && parentTable != null && parentTable.equals(r[2])) {
        rows.add(r);
      }
    }
    rows.sort(order(4));
    return rows;
  }

  /** The rows of {@code getIndexInfo}, unique indexes first as JDBC asks. */
  public List<Object[]> indexes(String schema, String table, boolean uniqueOnly) {
    List<Object[]> rows = new ArrayList<>();
    for (MetaTables.Entry t : named(schema, table)) {
      for (TableIndex index : MetaTables.read(() -> t.metadata().indexes(), List.<TableIndex>of())) {
        if (uniqueOnly && !index.unique()) {
          continue;
        }
        for (int i = 0; i < index.columns().size(); i++) {
          TableIndex.Column c = index.columns().get(i);
          rows.add(new Object[] {null, t.schema().name(), t.name(), !index.unique(), null, index.name(),
              indexType(index.kind()), (short) (i + 1), c.name(),
              c.ascending().map(a -> a ? "A" : "D").orElse(null), 0L, 0L, index.filter().orElse(null)});
        }
      }
    }
    rows.sort(Comparator.comparing((Object[] r) -> (Boolean) r[3]).thenComparing(r -> (Short) r[6])
        .thenComparing(r -> (String) r[5]).thenComparing(r -> (Short) r[7]));
    return rows;
  }

  private static String source(MetaTables.Entry t) {
    return t.schema().parts().get(0);
  }

  private static List<Object[]> foreignKeyRows(String source, ForeignKey fk) {
    List<Object[]> rows = new ArrayList<>();
    Function<ForeignKey.Side, String> schema = side -> side.schema().isEmpty() ? source
        : source + "." + String.join(".", side.schema());
    for (int i = 0; i < fk.primary().columns().size(); i++) {
      rows.add(new Object[] {null, schema.apply(fk.primary()), fk.primary().table(), fk.primary().columns().get(i),
          null, schema.apply(fk.foreign()), fk.foreign().table(), fk.foreign().columns().get(i), (short) (i + 1),
          rule(fk.onUpdate()), rule(fk.onDelete()), fk.name().orElse(null), fk.primaryKeyName().orElse(null),
          deferrability(fk.deferrability())});
    }
    return rows;
  }

  /** Ordered by the schema and table at {@code at} (1 for the primary side, 5 for the foreign), then KEY_SEQ. */
  private static Comparator<Object[]> order(int at) {
    return Comparator.comparing((Object[] r) -> (String) r[at + 1]).thenComparing(r -> (String) r[at + 2])
        .thenComparing(r -> String.valueOf(r[11])).thenComparing(r -> (Short) r[8]);
  }

  private static short rule(ForeignKey.Rule rule) {
    return (short) switch (rule) {
      case CASCADE -> DatabaseMetaData.importedKeyCascade;
      case RESTRICT -> DatabaseMetaData.importedKeyRestrict;
      case SET_NULL -> DatabaseMetaData.importedKeySetNull;
      case NO_ACTION -> DatabaseMetaData.importedKeyNoAction;
      case SET_DEFAULT -> DatabaseMetaData.importedKeySetDefault;
    };
  }

  private static short deferrability(ForeignKey.Deferrability d) {
    return (short) switch (d) {
      case INITIALLY_DEFERRED -> DatabaseMetaData.importedKeyInitiallyDeferred;
      case INITIALLY_IMMEDIATE -> DatabaseMetaData.importedKeyInitiallyImmediate;
      case NOT_DEFERRABLE -> DatabaseMetaData.importedKeyNotDeferrable;
    };
  }

  private static short indexType(TableIndex.Kind kind) {
    return switch (kind) {
      case CLUSTERED -> DatabaseMetaData.tableIndexClustered;
      case HASHED -> DatabaseMetaData.tableIndexHashed;
      case OTHER -> DatabaseMetaData.tableIndexOther;
    };
  }
}
