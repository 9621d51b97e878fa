package io.xsql.driver;

import java.util.List;
import java.util.function.BiFunction;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The table functions of the {@code xsql} schema that give what {@code DatabaseMetaData} reports of keys and
 * indexes, with its columns: {@code xsql.primary_keys(schema, table)}, {@code xsql.imported_keys(...)},
 * {@code xsql.exported_keys(...)}, {@code xsql.index_info(schema, table, unique)}. A remote client's
 * driver asks for keys with these queries, since Avatica has no call for them.
 */
public final class KeyFunctions {
  private KeyFunctions() {}

  /** {@code getPrimaryKeys}: NULL schema searches every schema. */
  public static ScannableTable primaryKeys(String schema, String table) {
    return new Rows(MetaKeys.PRIMARY_KEYS, (keys, x) -> keys.primaryKeys(schema, table));
  }

  /** {@code getImportedKeys}. */
  public static ScannableTable importedKeys(String schema, String table) {
    return new Rows(MetaKeys.FOREIGN_KEYS, (keys, x) -> keys.importedKeys(schema, table));
  }

  /** {@code getExportedKeys}. */
  public static ScannableTable exportedKeys(String schema, String table) {
    return new Rows(MetaKeys.FOREIGN_KEYS, (keys, x) -> keys.exportedKeys(schema, table));
  }

  /** {@code getIndexInfo}; {@code unique} keeps unique indexes only. */
  public static ScannableTable indexInfo(String schema, String table, boolean unique) {
    return new Rows(MetaKeys.INDEXES, (keys, x) -> keys.indexes(schema, table, unique));
  }

  /** A metadata result as a table, made from the connection's schemas when scanned. */
  private static final class Rows extends AbstractTable implements ScannableTable {
    private final MetaLayout layout;
    private final BiFunction<MetaKeys, DataContext, List<Object[]>> rows;

    Rows(MetaLayout layout, BiFunction<MetaKeys, DataContext, List<Object[]>> rows) {
      this.layout = layout;
      this.rows = rows;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory types) {
      RelDataTypeFactory.Builder b = types.builder();
      for (int i = 0; i < layout.names().size(); i++) {
        Class<?> c = layout.classes().get(i);
        SqlTypeName type = c == short.class ? SqlTypeName.SMALLINT : c == boolean.class ? SqlTypeName.BOOLEAN
            : c == long.class ? SqlTypeName.BIGINT : SqlTypeName.VARCHAR;
        b.add(layout.names().get(i), type).nullable(!c.isPrimitive());
      }
      return b.build();
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      return Linq4j.asEnumerable(rows.apply(new MetaKeys(root.getRootSchema()), root));
    }
  }
}
