package io.xsql.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database's result set as a query reads it: errors while fetching name the source, {@code getObject}
 * values are xsql's ({@link JdbcValues}), and {@code getStatement()} is the guarded statement, so that
 * whoever closes the statement through it also ends the statement's cancel registration.
 */
final class JdbcResultSet extends ForwardingResultSet {
  private final JdbcConfig config;
  private final Statement statement;

  JdbcResultSet(ResultSet delegate, JdbcConfig config, Statement statement) {
    super(delegate);
    this.config = config;
    this.statement = statement;
  }

  @Override
  public boolean next() throws SQLException {
    try {
      return delegate.next();
    } catch (SQLException e) {
      throw JdbcErrors.query(config, e);
    }
  }

  @Override
  public Object getObject(int columnIndex) throws SQLException {
    return JdbcValues.normalize(delegate.getObject(columnIndex));
  }

  @Override
  public Object getObject(String columnLabel) throws SQLException {
    return JdbcValues.normalize(delegate.getObject(columnLabel));
  }

  @Override
  public Statement getStatement() {
    return statement;
  }
}
