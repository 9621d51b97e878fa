package io.xsql.jdbc;

import io.xsql.codegen.Forwarding;
import io.xsql.spi.ScanContext;
import io.xsql.spi.SourceActivity;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.BitSet;
import java.util.Optional;

/**
 * A database's result set as a query reads it: errors while fetching name the source, {@code getObject}
 * values are xsql's ({@link JdbcValues}), and {@code getStatement()} is the guarded statement, so that
 * whoever closes the statement through it also ends the statement's cancel registration. Every other
 * call goes to the database's result set unchanged ({@code ForwardingResultSet} is generated).
 */
@Forwarding(ResultSet.class)
final class JdbcResultSet extends ForwardingResultSet {
  /** Rows between two looks at the query's cancel flag. */
  private static final int CANCEL_CHECK = 1024;
  private final JdbcConfig config;
  private final ScanContext context;
  private final Statement statement;
  private final SourceActivity activity;
  private final Optional<ZoneOffset> fixedOffset = fixedOffset();
  private BitSet wallClockColumns;
  /** Rows read and not yet added to the activity's count. */
  private long rows;
  /** Rows read in all. */
  private long read;

  /**
   * @param context the query's, whose cancel and timeout end reading
   * @param activity the query's count of the statement this result set answers
   */
  JdbcResultSet(ResultSet delegate, JdbcConfig config, ScanContext context, Statement statement,
      SourceActivity activity) {
    super(delegate);
    this.config = config;
    this.context = context;
    this.statement = statement;
    this.activity = activity;
    activity.calls(1);
  }

  /**
   * The next row, failing with 57014 once the query is canceled: a database ignores a cancel that comes
   * while it waits for the next fetch of a result read in parts, which then went on streaming (TPC-H Q9 at
   * SF 1 still ran 15 s after its timeout).
   */
  @Override
  public boolean next() throws SQLException {
    if (++read % CANCEL_CHECK == 0 && context.isCanceled()) {
      throw JdbcErrors.canceled(config);
    }
    try {
      if (delegate.next()) {
        rows++;
        return true;
      }
      // At the end, since the query may be recorded before this closes.
      flush();
      return false;
    } catch (SQLException e) {
      throw JdbcErrors.query(config, e);
    }
  }

  @Override
  public void close() throws SQLException {
    flush();
    super.close();
  }

  private void flush() {
    activity.rows(rows);
    rows = 0;
  }

  @Override
  public Object getObject(int columnIndex) throws SQLException {
    return JdbcValues.normalize(delegate.getObject(columnIndex));
  }

  @Override
  public Object getObject(String columnLabel) throws SQLException {
    return JdbcValues.normalize(delegate.getObject(columnLabel));
  }

  /**
   * Wall-clock timestamp columns read as java.time values and made into {@link JdbcTimestamp}s, which
   * spares the driver's and the engine's calendar arithmetic; only where the JVM's time zone has a fixed
   * offset (UTC servers), so that every wall-clock time names exactly one instant.
   */
  @Override
  public Timestamp getTimestamp(int columnIndex) throws SQLException {
    if (fixedOffset.isPresent() && wallClockColumns().get(columnIndex - 1)) {
      LocalDateTime t = delegate.getObject(columnIndex, LocalDateTime.class);
      return t == null ? null : JdbcTimestamp.of(t, fixedOffset.get());
    }
    return delegate.getTimestamp(columnIndex);
  }

  /** Columns of the SQL types without a time zone: PostgreSQL's timestamp, MySQL's DATETIME. */
  private BitSet wallClockColumns() throws SQLException {
    if (wallClockColumns == null) {
      wallClockColumns = new BitSet();
      ResultSetMetaData meta = delegate.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        String type = meta.getColumnTypeName(i);
        wallClockColumns.set(i - 1, meta.getColumnType(i) == Types.TIMESTAMP
            && ("timestamp".equals(type) || "DATETIME".equalsIgnoreCase(type)));
      }
    }
    return wallClockColumns;
  }

  /** The JVM zone's offset, if it never changes. */
  private static Optional<ZoneOffset> fixedOffset() {
    ZoneRules rules = ZoneId.systemDefault().getRules();
    return rules.isFixedOffset() ? Optional.of(rules.getOffset(Instant.EPOCH)) : Optional.empty();
  }

  @Override
  public Statement getStatement() {
    return statement;
  }

  /** This result set answers for itself, then the database's for its own classes. */
  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return type.isInstance(this) ? type.cast(this) : delegate.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || delegate.isWrapperFor(type);
  }
}
