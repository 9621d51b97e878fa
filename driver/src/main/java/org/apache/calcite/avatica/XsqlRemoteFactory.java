package org.apache.calcite.avatica;

import io.xsql.driver.ArrayRows;
import io.xsql.driver.RemoteCancel;
import io.xsql.spi.ErrorCode;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Properties;
import java.util.TimeZone;

/**
 * Avatica's JDBC objects for {@code jdbc:xsql:remote:}, whose {@code Statement.cancel()} stops the query on
 * the xsql server. Avatica's protocol has no cancel, and its statement's cancel waits for the statement's
 * lock, which the executing thread holds for the whole remote call, only to raise a flag on the client.
 *
 * <p>It lives in Avatica's package because what it extends (the JDBC 4.1 factory, the statement's cancel
 * flag) is package-private or protected; the logic is in {@code io.xsql.driver}.
 */
public final class XsqlRemoteFactory extends AvaticaJdbc41Factory {

  /** Called by Avatica through reflection. */
  public XsqlRemoteFactory() {
    super(4, 2);
  }

  @Override
  public AvaticaSpecificDatabaseMetaData newDatabaseMetaData(AvaticaConnection connection) {
    return new io.xsql.driver.XsqlRemoteDatabaseMetaData(connection);
  }

  @Override
  public AvaticaConnection newConnection(UnregisteredDriver driver, AvaticaFactory factory, String url,
      Properties info) {
    return new RemoteConnection(driver, factory, url, info);
  }

  @Override
  public AvaticaStatement newStatement(AvaticaConnection connection, Meta.StatementHandle h,
      int resultSetType, int resultSetConcurrency, int resultSetHoldability) {
    return new RemoteStatement(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public AvaticaPreparedStatement newPreparedStatement(AvaticaConnection connection, Meta.StatementHandle h,
      Meta.Signature signature, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    return new RemotePreparedStatement(connection, h, signature, resultSetType, resultSetConcurrency,
        resultSetHoldability);
  }

  @Override
  public AvaticaResultSet newResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
      TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
    return new RemoteResultSet(statement, state, signature, newResultSetMetaData(statement, signature), timeZone,
        firstFrame);
  }

  /**
   * Raises the statement's cancel flag and has the server cancel its execution. Not synchronized on the
   * statement, unlike Avatica's cancel: the executing thread holds that lock until the server answers.
   */
  private static void cancel(AvaticaStatement statement) throws SQLException {
    statement.checkOpen();
    // Raised first, so that reading rows already received stops even when the server cannot be reached.
    statement.cancelFlag.set(true);
    RemoteCancel.send(statement.connection, statement.handle.id);
  }

  /** A connection whose every execution starts with the statement's cancel flag down. */
  private static final class RemoteConnection extends AvaticaConnection {
    RemoteConnection(UnregisteredDriver driver, AvaticaFactory factory, String url, Properties info) {
      super(driver, factory, url, info);
    }

    // Avatica never lowers the flag, so a statement canceled once would refuse every later result; xsql's
    // local statements lower it as an execution starts, and so do these.

    @Override
    protected Meta.ExecuteResult prepareAndExecuteInternal(AvaticaStatement statement, String sql,
        long maxRowCount) throws SQLException, NoSuchStatementException {
      statement.cancelFlag.set(false);
      return super.prepareAndExecuteInternal(statement, sql, maxRowCount);
    }

    @Override
    protected ResultSet executeQueryInternal(AvaticaStatement statement, Meta.Signature signature,
        Meta.Frame firstFrame, QueryState state, boolean isUpdate) throws SQLException {
      statement.cancelFlag.set(false);
      return super.executeQueryInternal(statement, signature, firstFrame, state, isUpdate);
    }
  }

  /** A plain statement. */
  private static final class RemoteStatement extends AvaticaStatement {
    RemoteStatement(AvaticaConnection connection, Meta.StatementHandle h, int resultSetType,
        int resultSetConcurrency, int resultSetHoldability) {
      super(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    @Override
    public void cancel() throws SQLException {
      XsqlRemoteFactory.cancel(this);
    }
  }

  /** A prepared statement. */
  private static final class RemotePreparedStatement extends AvaticaPreparedStatement {
    RemotePreparedStatement(AvaticaConnection connection, Meta.StatementHandle h, Meta.Signature signature,
        int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
      super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    @Override
    public void cancel() throws SQLException {
      XsqlRemoteFactory.cancel(this);
    }
  }

  /**
   * A result set whose {@code next()} reports a cancel, and a failed fetch (which Avatica lets out
   * unchecked), as SQLExceptions with an SQLState: 57014, or the server's. Arrays read as in the embedded
   * driver: {@link ArrayRows} for their rows and text, a {@link java.sql.Array} by label as by index.
   */
  private static final class RemoteResultSet extends AvaticaResultSet {
    RemoteResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
        ResultSetMetaData metaData, TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
      super(statement, state, signature, metaData, timeZone, firstFrame);
    }

    @Override
    public boolean next() throws SQLException {
      if (statement != null && statement.cancelFlag.get()) {
        throw new SQLException("query canceled", ErrorCode.CANCELED.sqlState());
      }
      try {
        return super.next();
      } catch (RuntimeException e) {
        throw AvaticaConnection.HELPER.createException(e.getMessage(), e);
      }
    }

    @Override
    public ResultSet create(ColumnMetaData.AvaticaType elementType, Iterable<Object> elements)
        throws SQLException {
      return ArrayRows.of(elementType, elements, localCalendar.getTimeZone());
    }

    @Override
    public Object getObject(String columnLabel) throws SQLException {
      return getObject(findColumn(columnLabel));
    }

    @Override
    public String getString(int columnIndex) throws SQLException {
      return ArrayRows.isArray(columnMetaDataList, columnIndex) ? ArrayRows.text(this, columnIndex)
          : super.getString(columnIndex);
    }

    @Override
    public String getString(String columnLabel) throws SQLException {
      return getString(findColumn(columnLabel));
    }
  }
}
