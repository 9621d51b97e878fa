package org.apache.calcite.jdbc;

import java.sql.SQLException;
import org.apache.calcite.avatica.Meta;
import org.checkerframework.checker.nullness.qual.Nullable;

/** A plain statement; its cancel never waits (see {@link XsqlConnectionImpl#cancel}). */
final class XsqlStatement extends CalciteStatement {
  XsqlStatement(XsqlConnectionImpl connection, Meta.@Nullable StatementHandle h, int resultSetType,
      int resultSetConcurrency, int resultSetHoldability) {
    super(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public void cancel() throws SQLException {
    ((XsqlConnectionImpl) connection).cancel(this);
  }
}
