package io.xsql.jdbc;

import io.xsql.spi.ScanContext;
import io.xsql.spi.SourceOperation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.postgresql.core.BaseConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the rows of a PostgreSQL lookup's statement through {@code COPY (statement) TO STDOUT} rather than
 * a cursor. PostgreSQL runs a query read through a cursor in parts without parallel workers, and runs a
 * COPY's at once with them, while the rows still stream (psql, TPC-H SF 1 on 2 cores: a COPY of a filtered
 * lineitem took 0.87 s with workers, 1.50 s without). Lookups only: their statements filter by keys, which
 * parallel plans serve well; a COPY of TPC-H Q18's grouped join, read whole by its dynamic filter, took
 * 6.6 s in psql against 3.4 s through a cursor, as its parallel plan ran a subtree that is not parallel in
 * every worker. Used where every column's type is one of {@link #TYPES}, whose text
 * {@link JdbcCopyResultSet} reads as the driver reads it; which a statement's are is asked once (a
 * describe, no execution) and kept for the lookup's later statements, which have the same columns.
 */
final class JdbcCopy {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcCopy.class);

  /** PostgreSQL's types whose COPY text is read as its driver reads them. */
  static final Set<String> TYPES = Set.of("int2", "int4", "int8", "float4", "float8", "numeric", "bool", "date",
      "text", "varchar", "bpchar", "name");

  private final JdbcConfig config;
  /** The column types, once asked: empty if the statements are not read through COPY. */
  private volatile Optional<Optional<List<String>>> types = Optional.empty();

  JdbcCopy(JdbcConfig config) {
    this.config = config;
  }

  /**
   * Whether statements of the columns of {@code described} are read through COPY, asking the database on
   * the first call.
   *
   * @param described a statement of those columns without bind parameters (the driver must type them to describe)
   */
  boolean reads(Connection connection, String described) throws SQLException {
    Optional<Optional<List<String>>> known = types;
    if (known.isEmpty()) {
      known = Optional.of(columnTypes(connection, described));
      types = known;
    }
    return known.get().isPresent();
  }

  private static Optional<List<String>> columnTypes(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      ResultSetMetaData meta = statement.getMetaData();
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        names.add(meta.getColumnTypeName(i));
      }
      if (!TYPES.containsAll(names)) {
        LOG.debug("Not read through COPY (column types {}): {}", names, sql);
        return Optional.empty();
      }
      return Optional.of(names);
    } catch (SQLException e) {
      end(connection);
      throw e;
    }
  }

  /**
   * The rows of a statement that takes no bind parameters, streamed through COPY on the query's
   * connection, canceled with the query; only after {@link #reads} said yes.
   *
   * @param described the statement with its key values as bind parameters, as the query's activity shows it
   * @param statement what the rows' {@code getStatement()} gives, for a caller that closes the statement
   *     and its connection through it (Calcite's generated code); empty for one that closes them itself
   */
  ResultSet open(Connection connection, String sql, String described, Optional<Statement> statement,
      ScanContext context) throws SQLException {
    List<String> columns = types.flatMap(t -> t).orElseThrow(
        () -> new IllegalStateException("COPY asked for statements it does not read: " + sql));
    String copy = "COPY (" + sql + ") TO STDOUT";
    BaseConnection pg = connection.unwrap(BaseConnection.class);
    AutoCloseable registration = context.onCancel(() -> cancel(pg));
    // The copy runs on the driver's own connection, past the pool's record of what ran: its transaction
    // is ended here, or the pool would hand out a connection in it (aborted, after an error).
    AutoCloseable ended = () -> {
      registration.close();
      end(connection);
    };
    CopyOut out;
    try {
      out = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copy);
    } catch (SQLException | RuntimeException e) {
      close(ended);
      throw e;
    }
    if (context.isCanceled()) {
      // A cancel that came before the server began the copy found nothing running: it runs now.
      cancel(pg);
    }
    return new JdbcResultSet(new JdbcCopyResultSet(out, columns, () -> cancel(pg), ended), config, context,
        statement.orElse(null),
        context.activity(new SourceOperation(config.source(), "", "statement",
        "COPY (" + described + ") TO STDOUT")));
  }

  /** Ends the connection's transaction, if it is in one. */
  private static void end(Connection connection) throws SQLException {
    if (!connection.getAutoCommit()) {
      connection.rollback();
    }
  }

  private void cancel(BaseConnection pg) {
    try {
      pg.cancelQuery();
    } catch (SQLException e) {
      LOG.debug("Canceling a COPY of {} failed", config, e);
    }
  }

  private static void close(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.debug("Removing a COPY's cancel action failed", e);
    }
  }
}
