package org.apache.calcite.jdbc;

import io.xsql.driver.ArrayRows;
import io.xsql.driver.JavaTimes;
import io.xsql.driver.RowArrayCursor;
import io.xsql.driver.Session;
import io.xsql.driver.XsqlErrors;
import io.xsql.planner.QueryContext;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.util.BitSet;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;

/** A result set whose failures carry SQLStates and whose warnings come from the sources. */
final class XsqlResultSet extends CalciteResultSet {
  /** 1582-10-15, where java.sql's calendar and the ISO calendar meet. */
  private static final long GREGORIAN_START_MILLIS = -12_219_292_800_000L;

  /** The execution this result set reads, kept after it ends for its warnings. */
  private Optional<QueryContext> query = Optional.empty();
  private final OptionalInt fixedOffsetMillis;
  /** The statement's maximum rows when the result set was made; 0 for no limit. */
  private final long maxRows;
  private long returned;
  private BitSet timestampColumns;
  private Class<?>[] plainClasses;

  XsqlResultSet(AvaticaStatement statement, CalcitePrepare.CalciteSignature<?> signature,
      ResultSetMetaData metaData, TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
    super(statement, signature, metaData, timeZone, firstFrame);
    fixedOffsetMillis = fixedOffset(localCalendar);
    maxRows = statement.getLargeMaxRows();
  }

  /**
   * Executes as Calcite's result set does, but reads the rows through {@link RowArrayCursor} rather
   * than Avatica's slower cursor for rows that are arrays.
   */
  @Override
  protected CalciteResultSet execute() throws SQLException {
    query();
    CalciteConnectionImpl connection = getCalciteConnection();
    connection.getDriver().handler.onStatementExecute(statement,
        connection.config().autoTemp() ? () -> { } : null);
    Iterable<Object> rows = connection.meta().createIterable(statement.handle, state, signature, List.of(),
        firstFrame);
    execute2(RowArrayCursor.of(signature.cursorFactory, rows), columnMetaDataList);
    return this;
  }

  /** An array's rows with JDBC's index and value columns (see {@link ArrayRows}). */
  @Override
  public ResultSet create(ColumnMetaData.AvaticaType elementType, Iterable<Object> elements)
      throws SQLException {
    return ArrayRows.of(elementType, elements, localCalendar.getTimeZone());
  }

  private Optional<QueryContext> query() {
    if (query.isEmpty()) {
      query = XsqlConnectionImpl.flag(statement).flatMap(f -> session().queries().get(f));
    }
    return query;
  }

  /** The session of the statement's connection, which is ours when the statement is. */
  private Session session() {
    return ((XsqlConnectionImpl) statement.connection).session();
  }

  @Override
  public boolean next() throws SQLException {
    query();
    try {
      // Calcite applies a statement's maximum rows to plain statements only; prepared ones stop here.
      boolean more = (maxRows <= 0 || returned < maxRows) && super.next();
      if (!more) {
        finish();
      } else {
        returned++;
      }
      return more;
    } catch (SQLException | RuntimeException e) {
      Optional<QueryContext> q = query();
      SQLException failure = q.isPresent() && q.get().isCanceled() ? XsqlErrors.translate(q.get().interruption())
          : XsqlErrors.translate(e);
      // The execution ended: its operators give back what they hold now, not when the caller closes this
      // (a database connection read through COPY, which fails here rather than when the statement runs).
      close();
      throw failure;
    }
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return XsqlErrors.warnings(query().map(QueryContext::warnings).orElse(List.of())).orElse(null);
  }

  /** Ends this result set's execution; not a later one of the same statement (Avatica closes old ones late). */
  private void finish() {
    XsqlConnectionImpl.flag(statement).ifPresent(f -> query().ifPresent(q -> session().queries().finish(f, q)));
  }

  /** Closes the operators first, so that the sources' row counts are in when the execution is recorded. */
  @Override
  public void close() {
    try {
      super.close();
    } finally {
      finish();
    }
  }

  /**
   * Reads a TIMESTAMP column without Avatica's calendar arithmetic, which costs more than the rest of
   * reading a row. In a time zone without offset changes (UTC servers) that arithmetic reduces to one
   * subtraction; elsewhere, and before the Gregorian calendar began, Avatica's own conversion runs.
   */
  @Override
  public Timestamp getTimestamp(int columnIndex) throws SQLException {
    if (fixedOffsetMillis.isPresent() && timestampColumns().get(columnIndex - 1)) {
      long wallClock = getLong(columnIndex);
      if (wasNull()) {
        return null;
      }
      if (wallClock >= GREGORIAN_START_MILLIS) {
        return new Timestamp(wallClock - fixedOffsetMillis.getAsInt());
      }
    }
    return super.getTimestamp(columnIndex);
  }

  /**
   * Values whose Java class is already the one JDBC returns come straight from the row: Avatica would
   * unbox and box them again. Anything else, or a value of another class, takes Avatica's way.
   */
  @Override
  public Object getObject(int columnIndex) throws SQLException {
    checkOpen();
    Class<?>[] plain = plainClasses();
    if (columnIndex < 1 || columnIndex > plain.length) {
      return super.getObject(columnIndex);
    }
    if (plain[columnIndex - 1] != null) {
      Object value = accessorList.get(columnIndex - 1).getObject();
      if (value == null || value.getClass() == plain[columnIndex - 1]) {
        return value;
      }
    }
    return timestampColumns().get(columnIndex - 1) ? getTimestamp(columnIndex) : super.getObject(columnIndex);
  }

  /** An ARRAY column's text from {@link ArrayRows}, the others' from Avatica. */
  @Override
  public String getString(int columnIndex) throws SQLException {
    return ArrayRows.isArray(columnMetaDataList, columnIndex) ? ArrayRows.text(this, columnIndex)
        : super.getString(columnIndex);
  }

  @Override
  public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
    if (!JavaTimes.converts(type)) {
      return super.getObject(columnIndex, type);
    }
    return JavaTimes.column(type, new JavaTimes.ColumnReader() {
      @Override
      public java.sql.Date date() throws SQLException {
        return getDate(columnIndex);
      }

      @Override
      public java.sql.Timestamp timestamp() throws SQLException {
        return getTimestamp(columnIndex);
      }

      @Override
      public java.sql.Time time() throws SQLException {
        return getTime(columnIndex);
      }
    }).orElse(null);
  }

  // By label as by index: Avatica's own by-label methods would skip the overrides above.

  /**
   * As {@link #getObject(int)}: Avatica's answers an ARRAY column by label with a {@code List}, by index
   * with the {@link java.sql.Array} JDBC specifies.
   */
  @Override
  public Object getObject(String columnLabel) throws SQLException {
    return getObject(findColumn(columnLabel));
  }

  @Override
  public String getString(String columnLabel) throws SQLException {
    return getString(findColumn(columnLabel));
  }

  @Override
  public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
    return getObject(findColumn(columnLabel), type);
  }

  /** Per column, the class JDBC's getObject returns when the row holds exactly that; null otherwise. */
  private Class<?>[] plainClasses() {
    if (plainClasses == null) {
      List<ColumnMetaData> columns = signature.columns;
      plainClasses = new Class<?>[columns.size()];
      for (int i = 0; i < columns.size(); i++) {
        ColumnMetaData c = columns.get(i);
        plainClasses[i] = switch (c.type.id) {
          case Types.BIGINT -> c.signed ? Long.class : null;
          case Types.INTEGER -> c.signed ? Integer.class : null;
          case Types.SMALLINT -> c.signed ? Short.class : null;
          case Types.TINYINT -> c.signed ? Byte.class : null;
          case Types.DOUBLE, Types.FLOAT -> Double.class;
          case Types.REAL -> Float.class;
          case Types.BOOLEAN, Types.BIT -> Boolean.class;
          case Types.VARCHAR, Types.NVARCHAR, Types.LONGVARCHAR -> String.class;
          default -> null;
        };
      }
    }
    return plainClasses;
  }

  private BitSet timestampColumns() {
    if (timestampColumns == null) {
      timestampColumns = new BitSet();
      List<ColumnMetaData> columns = signature.columns;
      for (int i = 0; i < columns.size(); i++) {
        timestampColumns.set(i, columns.get(i).type.id == Types.TIMESTAMP);
      }
    }
    return timestampColumns;
  }

  /** The offset of the result set's time zone if it never changes and equals the JVM's (see Avatica). */
  private static OptionalInt fixedOffset(Calendar calendar) {
    ZoneId zone = calendar.getTimeZone().toZoneId();
    if (!zone.getRules().isFixedOffset() || !zone.getRules().equals(ZoneId.systemDefault().getRules())) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(zone.getRules().getOffset(Instant.EPOCH).getTotalSeconds() * 1000);
  }
}
