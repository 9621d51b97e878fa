package io.xsql.tck;

import java.io.IOException;
import java.sql.SQLException;

/** Where the fixture writes one table's rows: a COPY into PostgreSQL, inserts into MariaDB, or a file. */
interface TpchSink extends AutoCloseable {
  /** Writes one row, its values in the order of {@link TpchTableDef#columns()}. */
  void accept(Object[] row) throws IOException, SQLException;

  /** Writes what is buffered and releases the connection or file. */
  @Override
  void close() throws IOException, SQLException;
}
