package io.xsql.driver;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.calcite.avatica.AvaticaConnection;

/**
 * The metadata of an xsql remote connection ({@code jdbc:xsql:remote:}): keys and indexes are asked of the
 * server with the {@code xsql} schema's functions ({@link KeyFunctions}), since Avatica's protocol has no
 * call for them and its client would answer them empty.
 */
public final class XsqlRemoteDatabaseMetaData extends XsqlDatabaseMetaData {
  /** The metadata of a remote connection. */
  public XsqlRemoteDatabaseMetaData(AvaticaConnection connection) {
    super(connection);
  }

  @Override
  public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
    return query("SELECT * FROM TABLE(xsql.primary_keys(" + text(schema) + ", " + text(table) + "))");
  }

  @Override
  public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
    return query("SELECT * FROM TABLE(xsql.imported_keys(" + text(schema) + ", " + text(table) + "))");
  }

  @Override
  public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
    return query("SELECT * FROM TABLE(xsql.exported_keys(" + text(schema) + ", " + text(table) + "))");
  }

  @Override
  public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable,
      String foreignCatalog, String foreignSchema, String foreignTable) throws SQLException {
    return query("SELECT * FROM TABLE(xsql.imported_keys(" + text(foreignSchema) + ", " + text(foreignTable)
        + ")) WHERE \"PKTABLE_NAME\" = " + text(parentTable)
        + (parentSchema == null ? "" : " AND \"PKTABLE_SCHEM\" = " + text(parentSchema)));
  }

  @Override
  public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique,
      boolean approximate) throws SQLException {
    return query("SELECT * FROM TABLE(xsql.index_info(" + text(schema) + ", " + text(table) + ", " + unique
        + "))");
  }

  private ResultSet query(String sql) throws SQLException {
    Statement s = getConnection().createStatement();
    // The statement goes when the tool closes the result, as with any metadata result.
    s.closeOnCompletion();
    return s.executeQuery(sql);
  }

  /** A metadata argument as an SQL literal: quoted, its quotes doubled; NULL as a typed NULL. */
  private static String text(String value) {
    return value == null ? "CAST(NULL AS VARCHAR)" : "'" + value.replace("'", "''") + "'";
  }
}
