package io.xsql.jdbc;

import io.xsql.spi.RowCursor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of one lookup statement, streamed; closing it closes the statement (none for a COPY, whose rows
 * end it) and returns the connection.
 */
final class JdbcLookupCursor implements RowCursor {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcLookupCursor.class);

  private final Connection connection;
  private final Statement statement;
  private final ResultSet rows;
  private final JdbcRowReader reader;
  private final int[] columns;
  private final JdbcConfig config;

  JdbcLookupCursor(Connection connection, Statement statement, ResultSet rows, JdbcRowReader reader,
      int[] columns, JdbcConfig config) {
    this.connection = connection;
    this.statement = statement;
    this.rows = rows;
    this.reader = reader;
    this.columns = columns;
    this.config = config;
  }

  @Override
  public boolean next() {
    try {
      return rows.next();
    } catch (SQLException e) {
      throw JdbcErrors.source(config, e);
    }
  }

  @Override
  public Object[] current() {
    try {
      return reader.read(rows, columns);
    } catch (SQLException e) {
      throw JdbcErrors.source(config, e);
    }
  }

  @Override
  public void close() {
    try {
      rows.close();
    } catch (SQLException e) {
      LOG.debug("Closing a lookup's rows of {} failed", config, e);
    }
    closeQuietly(statement, connection);
  }

  /**
   * Closes a statement and its connection (either may be null), logging failures: the rows are read, or
   * an error is already on its way, and the pool replaces a connection that fails to close.
   */
  static void closeQuietly(Statement statement, Connection connection) {
    for (AutoCloseable c : new AutoCloseable[] {statement, connection}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        LOG.debug("Closing a lookup's {} failed", c, e);
      }
    }
  }
}
