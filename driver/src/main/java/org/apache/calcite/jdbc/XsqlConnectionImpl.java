package org.apache.calcite.jdbc;

import io.xsql.driver.PlanCache;
import io.xsql.driver.Planning;
import io.xsql.driver.Session;
import io.xsql.driver.XsqlConnection;
import io.xsql.driver.XsqlConnectionConfig;
import io.xsql.driver.XsqlErrors;
import io.xsql.java.JavaTables;
import io.xsql.planner.QueryContext;
import io.xsql.spi.DataTable;
import io.xsql.spi.SchemaContract;
import java.lang.reflect.Field;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.XsqlStatementAccess;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A connection with a catalog and in-process tables. Its session keys each execution of its statements by
 * the statement's cancel flag, so that a cancel, a timeout or a failure reaches the sources and the planner.
 */
public final class XsqlConnectionImpl extends CalciteConnectionImpl implements XsqlConnection {
  private final Session session = new Session();
  private final PlanCache plans;

  XsqlConnectionImpl(Driver driver, AvaticaFactory factory, String url, Properties info,
      CalciteSchema rootSchema, @Nullable JavaTypeFactory typeFactory) {
    super(driver, factory, url, info, rootSchema, typeFactory);
    concurrentStatements(server);
    plans = new PlanCache(config().planCache());
  }

  /**
   * Puts a concurrent map in the place of the HashMap where Calcite keeps a connection's statements, which
   * statements created, used and closed from several threads at once (SchemaCrawler reads metadata so)
   * would corrupt. ({@link XsqlMeta#createStatement} numbers them one at a time.)
   */
  private static void concurrentStatements(org.apache.calcite.server.CalciteServer server) {
    try {
      Field statements = server.getClass().getDeclaredField("statementMap");
      statements.setAccessible(true);
      statements.set(server, new ConcurrentHashMap<>((Map<?, ?>) statements.get(server)));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Calcite's statement map is not where xsql expects it", e);
    }
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
    plans.clear();
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
    plans.clear();
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
    boolean removed = session.unregister(name);
    plans.clear();
    return removed;
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
    Optional<QueryContext> q = flag(statement).flatMap(session.queries()::get);
    if (q.isPresent() && q.get().isCanceled()) {
      return XsqlErrors.translate(q.get().interruption());
    }
    return XsqlErrors.translate(e);
  }

  /** Starts an execution of a statement of ours: its timeout runs from now, planning included. */
  private Optional<QueryContext> plan(AvaticaStatement statement, String sql) throws SQLException {
    long timeoutMillis = statement.getQueryTimeout() * 1000L;
    return flag(statement).map(f -> session.queries().plan(f, timeoutMillis, Optional.ofNullable(sql)));
  }

  /** The execute step of a statement of ours: continues what {@link #plan} started, or starts anew. */
  private Optional<QueryContext> execute(AvaticaStatement statement, String sql) throws SQLException {
    long timeoutMillis = statement.getQueryTimeout() * 1000L;
    return flag(statement).map(f -> session.queries().execute(f, timeoutMillis, Optional.ofNullable(sql)));
  }

  /**
   * The cancel flag that keys the executions of a statement of ours in the session; empty for any other
   * statement.
   */
  static Optional<AtomicBoolean> flag(AvaticaStatement statement) {
    return statement instanceof XsqlStatement || statement instanceof XsqlPreparedStatement
        ? Optional.of(XsqlStatementAccess.cancelFlag(statement)) : Optional.empty();
  }

  /** Calcite's preparation, skipped when the connection kept the plan of the same query. */
  @Override
  @SuppressWarnings("unchecked")
  <T> CalcitePrepare.CalciteSignature<T> parseQuery(CalcitePrepare.Query<T> query,
      CalcitePrepare.Context prepareContext, long maxRowCount) {
    if (query.sql == null) {
      return super.parseQuery(query, prepareContext, maxRowCount);
    }
    PlanCache.Key key = new PlanCache.Key(query.sql, prepareContext.getDefaultSchemaPath(), maxRowCount);
    Optional<CalcitePrepare.CalciteSignature<?>> kept = plans.get(key);
    if (kept.isPresent()) {
      return (CalcitePrepare.CalciteSignature<T>) kept.get();
    }
    CalcitePrepare.CalciteSignature<T> plan = super.parseQuery(query, prepareContext, maxRowCount);
    plans.put(key, plan);
    return plan;
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

  /** The catalog, registered tables and executions of this connection. */
  Session session() {
    return session;
  }

  /**
   * Cancels a statement's running execution, reaching into sources blocked on I/O and into the planner.
   * Avatica's cancel locks the statement, which the executing thread holds while it plans: this never waits.
   */
  void cancel(AvaticaStatement statement) throws SQLException {
    XsqlStatementAccess.checkOpen(statement);
    AtomicBoolean flag = XsqlStatementAccess.cancelFlag(statement);
    session.queries().get(flag).ifPresent(QueryContext::cancel);
    flag.set(true);
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
