package org.apache.calcite.jdbc;

import io.xsql.driver.ArrayRows;
import io.xsql.driver.JavaTimes;
import io.xsql.driver.Planning;
import io.xsql.driver.RowArrayCursor;
import io.xsql.driver.Session;
import io.xsql.driver.XsqlConnection;
import io.xsql.driver.XsqlConnectionConfig;
import io.xsql.driver.XsqlErrors;
import io.xsql.java.JavaTables;
import io.xsql.planner.QueryContext;
import io.xsql.spi.DataTable;
import io.xsql.spi.SchemaContract;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaResultSetMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * xsql's JDBC objects: Calcite's, plus a catalog per connection, in-process tables, cancellation that
 * reaches sources, query timeouts, warnings on result sets, and every failure as an SQLException with an
 * SQLState.
 *
 * <p>It lives in Calcite's package because the classes it extends have package-private constructors; the
 * logic is in {@code io.xsql.driver}.
 */
public final class XsqlJdbcFactory extends CalciteFactory {

  /** Called by Avatica through reflection. */
  public XsqlJdbcFactory() {
    super(4, 2);
  }

  @Override
  public XsqlConnectionImpl newConnection(UnregisteredDriver driver, AvaticaFactory factory, String url,
      Properties info, @Nullable CalciteSchema rootSchema, @Nullable JavaTypeFactory typeFactory) {
    // No "metadata" schema: DatabaseMetaData already answers what it would. No caching schema either:
    // sources cache their own metadata, and Calcite's cache of a listing taken while a database was
    // down would turn its tables into "not found" for the connection's lifetime.
    return new XsqlConnectionImpl((Driver) driver, factory, url, info,
        rootSchema != null ? rootSchema : CalciteSchema.createRootSchema(false, false), typeFactory);
  }

  @Override
  public AvaticaDatabaseMetaData newDatabaseMetaData(AvaticaConnection connection) {
    return new io.xsql.driver.XsqlDatabaseMetaData(connection);
  }

  @Override
  public XsqlStatement newStatement(AvaticaConnection connection, Meta.@Nullable StatementHandle h,
      int resultSetType, int resultSetConcurrency, int resultSetHoldability) {
    return new XsqlStatement((XsqlConnectionImpl) connection, h, resultSetType, resultSetConcurrency,
        resultSetHoldability);
  }

  @Override
  public AvaticaPreparedStatement newPreparedStatement(AvaticaConnection connection,
      Meta.@Nullable StatementHandle h, Meta.Signature signature, int resultSetType,
      int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    return new XsqlPreparedStatement((XsqlConnectionImpl) connection, h, signature, resultSetType,
        resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public CalciteResultSet newResultSet(AvaticaStatement statement, QueryState state,
      Meta.Signature signature, TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
    return new XsqlResultSet(statement, (CalcitePrepare.CalciteSignature<?>) signature,
        newResultSetMetaData(statement, signature), timeZone, firstFrame);
  }

  @Override
  public ResultSetMetaData newResultSetMetaData(AvaticaStatement statement, Meta.Signature signature) {
    return new AvaticaResultSetMetaData(statement, null, signature);
  }

  /** A statement of either kind, by the cancel flag that identifies its executions. */
  private interface Flagged {
    AtomicBoolean flag();

    Session session();

    /**
     * Cancels the running execution, reaching into sources blocked on I/O and into the planner. Avatica's
     * cancel locks the statement, which the executing thread holds while it plans: this never waits.
     */
    default void cancelExecution() {
      session().queries().get(flag()).ifPresent(QueryContext::cancel);
      flag().set(true);
    }
  }

  /** A connection with a catalog and in-process tables. */
  public static final class XsqlConnectionImpl extends CalciteConnectionImpl implements XsqlConnection {
    private final Session session = new Session();

    XsqlConnectionImpl(Driver driver, AvaticaFactory factory, String url, Properties info,
        CalciteSchema rootSchema, @Nullable JavaTypeFactory typeFactory) {
      super(driver, factory, url, info, rootSchema, typeFactory);
    }

    @Override
    public XsqlConnectionConfig config() {
      return new XsqlConnectionConfig(info);
    }

    /** Opens the catalog; called once by the driver's handler. */
    public void initialize() throws SQLException {
      session.open(info, getRootSchema());
      // Calcite's init() only registers lattices, which catalogs do not have; walking every schema for
      // them would connect to every database before the first query.
      // The default schema holds files and registered tables, unless the settings name another.
      setSchema(Optional.ofNullable(info.getProperty("schema")).orElse(Session.MAIN));
    }

    @Override
    public void register(String name, DataTable table) throws SQLException {
      checkOpen();
      if (name == null || table == null) {
        throw new SQLException("register needs a name and a table", "42000");
      }
      session.register(name, table);
    }

    @Override
    public void register(String name, Iterable<? extends Map<String, ?>> rows) throws SQLException {
      register(name, () -> JavaTables.ofMaps(rows));
    }

    @Override
    public void registerMaps(String name, Supplier<? extends Stream<? extends Map<String, ?>>> rows)
        throws SQLException {
      register(name, () -> JavaTables.ofMaps(rows));
    }

    @Override
    public <T> void register(String name, Class<T> type, Iterable<? extends T> rows) throws SQLException {
      register(name, () -> JavaTables.of(type, rows));
    }

    @Override
    public <T> void register(String name, Class<T> type, Supplier<? extends Stream<? extends T>> rows)
        throws SQLException {
      register(name, () -> JavaTables.of(type, rows));
    }

    private void register(String name, Supplier<DataTable> table) throws SQLException {
      DataTable made;
      try {
        made = table.get();
      } catch (IllegalArgumentException e) {
        throw new SQLException("cannot register '" + name + "': " + e.getMessage(), "42000", e);
      } catch (RuntimeException e) {
        throw XsqlErrors.translate(e);
      }
      register(name, made);
    }

    @Override
    public void refresh(String source) throws SQLException {
      checkOpen();
      session.refresh(source);
    }

    @Override
    public Optional<SchemaContract> inferSchema(String source) throws SQLException {
      checkOpen();
      try {
        return session.inferSchema(source);
      } catch (RuntimeException e) {
        throw XsqlErrors.translate(e);
      }
    }

    /** Warnings from opening the catalog's sources (types widened by sampling), oldest first. */
    @Override
    public SQLWarning getWarnings() throws SQLException {
      checkOpen();
      return XsqlErrors.warnings(session.warnings()).orElse(null);
    }

    @Override
    public boolean unregister(String name) throws SQLException {
      checkOpen();
      return session.unregister(name);
    }

    @Override
    public DataContext createDataContext(Map<String, Object> parameters, @Nullable CalciteSchema root) {
      Object flag = parameters.get(DataContext.Variable.CANCEL_FLAG.camelName);
      if (!(flag instanceof AtomicBoolean cancelFlag)) {
        return super.createDataContext(parameters, root);
      }
      // The execution started when execute was called (see start); metadata queries start one here.
      Object timeout = parameters.get(DataContext.Variable.TIMEOUT.camelName);
      QueryContext query = session.queries().get(cancelFlag).orElseGet(() ->
          session.queries().start(cancelFlag, timeout instanceof Long millis ? millis : 0L, Optional.empty()));
      Map<String, Object> withQuery = new HashMap<>(parameters);
      withQuery.put(QueryContext.KEY, query);
      // The query's timer enforces the timeout by canceling (database statements too); Calcite's own
      // check would fail a JDBC scan early with a message of its own.
      withQuery.remove(DataContext.Variable.TIMEOUT.camelName);
      return super.createDataContext(withQuery, root);
    }

    /** The error an execution ends with: its interruption if it was canceled or timed out. */
    private SQLException failure(AvaticaStatement statement, Exception e) {
      if (statement instanceof Flagged f) {
        Optional<QueryContext> q = session.queries().get(f.flag());
        if (q.isPresent() && q.get().isCanceled()) {
          return XsqlErrors.translate(q.get().interruption());
        }
      }
      return XsqlErrors.translate(e);
    }

    /** Starts an execution of a statement of ours: its timeout runs from now, planning included. */
    private Optional<QueryContext> plan(AvaticaStatement statement, String sql) throws SQLException {
      if (statement instanceof Flagged f) {
        return Optional.of(session.queries().plan(f.flag(), statement.getQueryTimeout() * 1000L,
            Optional.ofNullable(sql)));
      }
      return Optional.empty();
    }

    /** The execute step of a statement of ours: continues what {@link #plan} started, or starts anew. */
    private Optional<QueryContext> execute(AvaticaStatement statement, String sql) throws SQLException {
      if (statement instanceof Flagged f) {
        return Optional.of(session.queries().execute(f.flag(), statement.getQueryTimeout() * 1000L,
            Optional.ofNullable(sql)));
      }
      return Optional.empty();
    }

    @Override
    public CalcitePreparedStatement prepareStatement(String sql, int resultSetType,
        int resultSetConcurrency, int resultSetHoldability) throws SQLException {
      Planning planning = Planning.start(Optional.empty(), config().planningTimeout());
      try {
        return super.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability);
      } catch (SQLException | RuntimeException e) {
        throw XsqlErrors.translate(planning.explain(e));
      } finally {
        planning.close();
      }
    }

    @Override
    protected Meta.ExecuteResult prepareAndExecuteInternal(AvaticaStatement statement, String sql,
        long maxRowCount) throws SQLException, NoSuchStatementException {
      Planning planning = Planning.start(plan(statement, sql), config().planningTimeout());
      try {
        return super.prepareAndExecuteInternal(statement, sql, maxRowCount);
      } catch (SQLException | RuntimeException e) {
        throw failure(statement, planning.explain(e));
      } finally {
        planning.close();
      }
    }

    @Override
    protected ResultSet executeQueryInternal(AvaticaStatement statement, Meta.Signature signature,
        Meta.Frame firstFrame, QueryState state, boolean isUpdate) throws SQLException {
      try {
        execute(statement, signature.sql);
        return super.executeQueryInternal(statement, signature, firstFrame, state, isUpdate);
      } catch (SQLException | RuntimeException e) {
        throw failure(statement, e);
      }
    }

    /** No user-defined types to map; tools (SchemaCrawler) ask, and Avatica would refuse. */
    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
      checkOpen();
      return new HashMap<>();
    }

    /** Nothing to commit: xsql only reads. Tools and transaction managers call it anyway. */
    @Override
    public void commit() throws SQLException {
      checkOpen();
    }

    /** Nothing to roll back: xsql only reads (its database reads run in transactions of their own). */
    @Override
    public void rollback() throws SQLException {
      checkOpen();
    }

    @Override
    public void close() throws SQLException {
      try {
        super.close();
      } finally {
        session.close();
      }
    }
  }

  /** A plain statement. */
  private static final class XsqlStatement extends CalciteStatement implements Flagged {
    XsqlStatement(XsqlConnectionImpl connection, Meta.@Nullable StatementHandle h, int resultSetType,
        int resultSetConcurrency, int resultSetHoldability) {
      super(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    @Override
    public AtomicBoolean flag() {
      return cancelFlag;
    }

    @Override
    public Session session() {
      return ((XsqlConnectionImpl) connection).session;
    }

    @Override
    public void cancel() throws SQLException {
      checkOpen();
      cancelExecution();
    }
  }

  /** A prepared statement. */
  private static final class XsqlPreparedStatement extends CalcitePreparedStatement implements Flagged {
    XsqlPreparedStatement(XsqlConnectionImpl connection, Meta.@Nullable StatementHandle h,
        Meta.Signature signature, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
        throws SQLException {
      super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    @Override
    public AtomicBoolean flag() {
      return cancelFlag;
    }

    @Override
    public Session session() {
      return ((XsqlConnectionImpl) connection).session;
    }

    @Override
    public void cancel() throws SQLException {
      checkOpen();
      cancelExecution();
    }

    @Override
    public void setObject(int parameterIndex, Object x) throws SQLException {
      super.setObject(parameterIndex, JavaTimes.parameter(x).orElse(x));
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
      super.setObject(parameterIndex, JavaTimes.parameter(x).orElse(x), targetSqlType);
    }
  }

  /** A result set whose failures carry SQLStates and whose warnings come from the sources. */
  private static final class XsqlResultSet extends CalciteResultSet {
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
      if (query.isEmpty() && statement instanceof Flagged f) {
        query = f.session().queries().get(f.flag());
      }
      return query;
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
        if (q.isPresent() && q.get().isCanceled()) {
          throw XsqlErrors.translate(q.get().interruption());
        }
        throw XsqlErrors.translate(e);
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

    /**
     * As {@link #getObject(int)}: Avatica's answers an ARRAY column by label with a {@code List}, by index
     * with the {@link java.sql.Array} JDBC specifies.
     */
    @Override
    public Object getObject(String columnLabel) throws SQLException {
      return getObject(findColumn(columnLabel));
    }

    /** An ARRAY column's text from {@link ArrayRows}, the others' from Avatica. */
    @Override
    public String getString(int columnIndex) throws SQLException {
      return ArrayRows.isArray(columnMetaDataList, columnIndex) ? ArrayRows.text(this, columnIndex)
          : super.getString(columnIndex);
    }

    @Override
    public String getString(String columnLabel) throws SQLException {
      return getString(findColumn(columnLabel));
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

    @Override
    public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
      return getObject(findColumn(columnLabel), type);
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
      checkOpen();
      return XsqlErrors.warnings(query().map(QueryContext::warnings).orElse(List.of())).orElse(null);
    }

    /** Ends this result set's execution; not a later one of the same statement (Avatica closes old ones late). */
    private void finish() {
      if (statement instanceof Flagged f) {
        query().ifPresent(q -> f.session().queries().finish(f.flag(), q));
      }
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
  }
}
