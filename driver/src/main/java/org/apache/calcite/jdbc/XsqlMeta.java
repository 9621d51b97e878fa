package org.apache.calcite.jdbc;

import io.xsql.driver.EnumeratorRows;
import io.xsql.driver.MetaKeys;
import io.xsql.driver.MetaLayout;
import io.xsql.driver.MetaPattern;
import io.xsql.driver.MetaSchemas;
import io.xsql.driver.MetaTables;
import io.xsql.driver.MetaTypes;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * The metadata calls of xsql's connections: Calcite's, with schemas nested as queries name them
 * ({@link MetaSchemas}), columns typed as JDBC tools expect ({@link MetaTypes}), comments, keys and
 * indexes from the sources ({@link MetaTables}, {@link MetaKeys}), and only the types a column can have
 * in {@code getTypeInfo}. Avatica's server answers remote clients through the same calls.
 *
 * <p>It lives in Calcite's package because Calcite's meta takes its package-private connection class.
 */
public final class XsqlMeta extends CalciteMetaImpl {

  private static final MetaLayout CATALOGS = MetaLayout.of("TABLE_CAT", String.class);
  private static final MetaLayout FUNCTIONS = MetaLayout.of("FUNCTION_CAT", String.class, "FUNCTION_SCHEM",
      String.class, "FUNCTION_NAME", String.class, "REMARKS", String.class, "FUNCTION_TYPE", short.class,
      "SPECIFIC_NAME", String.class);
  private static final MetaLayout TABLE_TYPES = MetaLayout.of("TABLE_TYPE", String.class);

  private XsqlMeta(CalciteConnectionImpl connection) {
    super(connection, CalciteMetaTableFactoryImpl.INSTANCE, CalciteMetaColumnFactoryImpl.INSTANCE);
  }

  /** The meta of one of xsql's connections. */
  public static XsqlMeta create(AvaticaConnection connection) {
    return new XsqlMeta((CalciteConnectionImpl) connection);
  }

  /**
   * Avatica numbers a connection's statements with an unguarded counter, so statements created from several
   * threads at once (SchemaCrawler reads metadata so) got the same number, and Calcite's addStatement failed
   * with an AssertionError.
   */
  @Override
  public synchronized StatementHandle createStatement(ConnectionHandle ch) {
    return super.createStatement(ch);
  }

  /** Calcite's rows, handed to the JDBC cursor one at a time ({@link EnumeratorRows}), never one ahead. */
  @Override
  public Iterable<Object> createIterable(StatementHandle handle, QueryState state, Signature signature,
      List<TypedValue> parameterValues, Frame firstFrame) {
    Iterable<Object> rows = super.createIterable(handle, state, signature, parameterValues, firstFrame);
    return rows instanceof Enumerable<Object> enumerable ? () -> EnumeratorRows.of(enumerable) : rows;
  }

  private SchemaPlus root() {
    return getConnection().getRootSchema();
  }

  private MetaResultSet result(MetaLayout layout, List<Object[]> rows) {
    List<ColumnMetaData> columns = new ArrayList<>();
    for (int i = 0; i < layout.names().size(); i++) {
      Class<?> type = layout.classes().get(i);
      columns.add(MetaImpl.columnMetaData(layout.names().get(i), i, type, !type.isPrimitive()));
    }
    List<Object> frame = new ArrayList<>(rows);
    return createResultSet(Map.of(), columns, CursorFactory.ARRAY, new Frame(0, true, frame));
  }

  @Override
  public MetaResultSet getSchemas(ConnectionHandle ch, String catalog, Pat schemaPattern) {
    List<Object[]> rows = new ArrayList<>();
    for (MetaSchemas.Entry s : MetaSchemas.list(root(), MetaPattern.of(schemaPattern.s))) {
      rows.add(new Object[] {s.name(), null});
    }
    return result(MetaSchemas.SCHEMAS, rows);
  }

  /** None: schemas are not in catalogs (TABLE_CAT is NULL everywhere). */
  @Override
  public MetaResultSet getCatalogs(ConnectionHandle ch) {
    return result(CATALOGS, List.of());
  }

  /** The table types sources have (a database's materialized views and foreign tables too). */
  @Override
  public MetaResultSet getTableTypes(ConnectionHandle ch) {
    List<Object[]> rows = new ArrayList<>();
    for (Schema.TableType t : List.of(Schema.TableType.FOREIGN_TABLE, Schema.TableType.MATERIALIZED_VIEW,
        Schema.TableType.TABLE, Schema.TableType.VIEW)) {
      rows.add(new Object[] {t.jdbcName});
    }
    return result(TABLE_TYPES, rows);
  }

  @Override
  public MetaResultSet getTables(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
      List<String> typeList) {
    List<Object[]> rows = new ArrayList<>();
    MetaTables tables = new MetaTables(root(), getConnection().getTypeFactory());
    for (MetaTables.Entry t : tables.tables(MetaPattern.of(schemaPattern.s), MetaPattern.of(tableNamePattern.s),
        Optional.ofNullable(typeList))) {
      rows.add(MetaTables.tableRow(t));
    }
    return result(MetaTables.TABLES, rows);
  }

  @Override
  public MetaResultSet getColumns(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
      Pat columnNamePattern) {
    List<Object[]> rows = new ArrayList<>();
    MetaTables tables = new MetaTables(root(), getConnection().getTypeFactory());
    MetaPattern columns = MetaPattern.of(columnNamePattern.s);
    for (MetaTables.Entry t : tables.tables(MetaPattern.of(schemaPattern.s), MetaPattern.of(tableNamePattern.s),
        Optional.empty())) {
      rows.addAll(tables.columnRows(t, columns));
    }
    return result(MetaTables.COLUMNS, rows);
  }

  /**
   * The functions queries can call: those of the connection's operator table (SQL's and PostgreSQL's), in
   * no schema, so listed only when the schema pattern is NULL or matches the empty name.
   */
  @Override
  public MetaResultSet getFunctions(ConnectionHandle ch, String catalog, Pat schemaPattern,
      Pat functionNamePattern) {
    Map<String, Object[]> rows = new TreeMap<>();
    MetaPattern names = MetaPattern.of(functionNamePattern.s);
    if (schemaPattern.s == null || MetaPattern.of(schemaPattern.s).matches("")) {
      SqlOperatorTable operators = getConnection().config().fun(SqlOperatorTable.class,
          SqlStdOperatorTable.instance());
      for (SqlOperator op : operators.getOperatorList()) {
        boolean called = op.getSyntax() == SqlSyntax.FUNCTION || op.getSyntax() == SqlSyntax.FUNCTION_ID
            || op.getSyntax() == SqlSyntax.FUNCTION_STAR;
        if (op instanceof SqlFunction && called && names.matches(op.getName())) {
          rows.putIfAbsent(op.getName(), new Object[] {null, null, op.getName(), null,
              (short) DatabaseMetaData.functionResultUnknown, op.getName()});
        }
      }
    }
    return result(FUNCTIONS, new ArrayList<>(rows.values()));
  }

  @Override
  public MetaResultSet getTypeInfo(ConnectionHandle ch) {
    return result(MetaTypes.TYPE_INFO, MetaTypes.typeInfo());
  }

  @Override
  public MetaResultSet getPrimaryKeys(ConnectionHandle ch, String catalog, String schema, String table) {
    return result(MetaKeys.PRIMARY_KEYS, new MetaKeys(root()).primaryKeys(schema, table));
  }

  @Override
  public MetaResultSet getImportedKeys(ConnectionHandle ch, String catalog, String schema, String table) {
    return result(MetaKeys.FOREIGN_KEYS, new MetaKeys(root()).importedKeys(schema, table));
  }

  @Override
  public MetaResultSet getExportedKeys(ConnectionHandle ch, String catalog, String schema, String table) {
    return result(MetaKeys.FOREIGN_KEYS, new MetaKeys(root()).exportedKeys(schema, table));
  }

  @Override
  public MetaResultSet getCrossReference(ConnectionHandle ch, String parentCatalog, String parentSchema,
      String parentTable, String foreignCatalog, String foreignSchema, String foreignTable) {
    return result(MetaKeys.FOREIGN_KEYS, new MetaKeys(root()).crossReference(parentSchema, parentTable,
        foreignSchema, foreignTable));
  }

  @Override
  public MetaResultSet getIndexInfo(ConnectionHandle ch, String catalog, String schema, String table,
      boolean unique, boolean approximate) {
    return result(MetaKeys.INDEXES, new MetaKeys(root()).indexes(schema, table, unique));
  }
}
