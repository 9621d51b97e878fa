package org.apache.calcite.jdbc;

import io.xsql.driver.JavaTimes;
import java.sql.SQLException;
import org.apache.calcite.avatica.Meta;
import org.checkerframework.checker.nullness.qual.Nullable;

/** A prepared statement; its cancel never waits (see {@link XsqlConnectionImpl#cancel}). */
final class XsqlPreparedStatement extends CalcitePreparedStatement {
  XsqlPreparedStatement(XsqlConnectionImpl connection, Meta.@Nullable StatementHandle h,
      Meta.Signature signature, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public void cancel() throws SQLException {
    ((XsqlConnectionImpl) connection).cancel(this);
  }

  @Override
  public void setObject(int parameterIndex, Object x) throws SQLException {
    super.setObject(parameterIndex, JavaTimes.parameter(x).orElse(x));
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
    super.setObject(parameterIndex, JavaTimes.parameter(x).orElse(x), targetSqlType);
  }
}
