package org.apache.calcite.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Properties;
import java.util.TimeZone;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaResultSetMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Makes xsql's JDBC objects: Calcite's, plus a catalog per connection, in-process tables, cancellation that
 * reaches sources, query timeouts, warnings on result sets, and every failure as an SQLException with an
 * SQLState. Each has its class: {@link XsqlConnectionImpl}, {@link XsqlStatement},
 * {@link XsqlPreparedStatement}, {@link XsqlResultSet}.
 *
 * <p>They live in Calcite's package because the classes they extend have package-private constructors;
 * the logic is in {@code io.xsql.driver}.
 */
public final class XsqlJdbcFactory extends CalciteFactory {

  /** Called by Avatica through reflection. */
  public XsqlJdbcFactory() {
    super(4, 2);
  }

  @Override
  public XsqlConnectionImpl newConnection(UnregisteredDriver driver, AvaticaFactory factory, String url,
      Properties info, @Nullable CalciteSchema rootSchema, @Nullable JavaTypeFactory typeFactory) {
    // No "metadata" schema: DatabaseMetaData already answers what it would. No caching schema either:
    // sources cache their own metadata, and Calcite's cache of a listing taken while a database was
    // down would turn its tables into "not found" for the connection's lifetime.
    return new XsqlConnectionImpl((Driver) driver, factory, url, info,
        rootSchema != null ? rootSchema : CalciteSchema.createRootSchema(false, false), typeFactory);
  }

  @Override
  public AvaticaDatabaseMetaData newDatabaseMetaData(AvaticaConnection connection) {
    return new io.xsql.driver.XsqlDatabaseMetaData(connection);
  }

  @Override
  public XsqlStatement newStatement(AvaticaConnection connection, Meta.@Nullable StatementHandle h,
      int resultSetType, int resultSetConcurrency, int resultSetHoldability) {
    return new XsqlStatement((XsqlConnectionImpl) connection, h, resultSetType, resultSetConcurrency,
        resultSetHoldability);
  }

  @Override
  public AvaticaPreparedStatement newPreparedStatement(AvaticaConnection connection,
      Meta.@Nullable StatementHandle h, Meta.Signature signature, int resultSetType,
      int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    return new XsqlPreparedStatement((XsqlConnectionImpl) connection, h, signature, resultSetType,
        resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public CalciteResultSet newResultSet(AvaticaStatement statement, QueryState state,
      Meta.Signature signature, TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
    return new XsqlResultSet(statement, (CalcitePrepare.CalciteSignature<?>) signature,
        newResultSetMetaData(statement, signature), timeZone, firstFrame);
  }

  @Override
  public ResultSetMetaData newResultSetMetaData(AvaticaStatement statement, Meta.Signature signature) {
    return new AvaticaResultSetMetaData(statement, null, signature);
  }
}
