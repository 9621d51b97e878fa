package io.xsql.tck;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** Loads a PostgreSQL table through {@code COPY FROM STDIN}, many times faster than inserts. */
final class TpchCopySink implements TpchSink {
  /** Rows go to the server in chunks of about this many characters. */
  private static final int CHUNK = 1 << 16;

  private final Connection connection;
  private final CopyIn copy;
  private final StringBuilder buffer = new StringBuilder(CHUNK + 1024);

  TpchCopySink(Connection connection, TpchTableDef table) throws SQLException {
    this.connection = connection;
    try {
      this.copy = connection.unwrap(PGConnection.class).getCopyAPI()
          .copyIn("COPY " + table.tableName() + " FROM STDIN (FORMAT csv)");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  @Override
  public void accept(Object[] row) throws SQLException {
    TpchCsv.append(buffer, row);
    if (buffer.length() >= CHUNK) {
      flush();
    }
  }

  private void flush() throws SQLException {
    byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
    copy.writeToCopy(bytes, 0, bytes.length);
    buffer.setLength(0);
  }

  @Override
  public void close() throws SQLException {
    try {
      if (copy.isActive()) {
        flush();
        copy.endCopy();
      }
    } finally {
      connection.close();
    }
  }
}
