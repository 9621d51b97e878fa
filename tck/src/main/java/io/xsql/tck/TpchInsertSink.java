package io.xsql.tck;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;

/**
 * Loads a MariaDB table with batches of prepared inserts, in one transaction; MariaDB's driver sends each
 * batch in one round trip (its bulk protocol).
 */
final class TpchInsertSink implements TpchSink {
  private static final int BATCH = 5_000;

  private final Connection connection;
  private final PreparedStatement insert;
  private int pending;

  TpchInsertSink(Connection connection, TpchTableDef table) throws SQLException {
    this.connection = connection;
    try {
      connection.setAutoCommit(false);
      this.insert = connection.prepareStatement("INSERT INTO " + table.tableName() + " VALUES ("
          + String.join(", ", Collections.nCopies(table.columns().size(), "?")) + ")");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  @Override
  public void accept(Object[] row) throws SQLException {
    for (int i = 0; i < row.length; i++) {
      insert.setObject(i + 1, row[i]);
    }
    insert.addBatch();
    if (++pending == BATCH) {
      insert.executeBatch();
      pending = 0;
    }
  }

  @Override
  public void close() throws SQLException {
    try (connection; insert) {
      if (pending > 0) {
        insert.executeBatch();
      }
      connection.commit();
    }
  }
}
