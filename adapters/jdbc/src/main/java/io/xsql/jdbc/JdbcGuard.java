package io.xsql.jdbc;

import io.xsql.spi.ScanContext;
import io.xsql.spi.SourceOperation;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands between a query and a pooled connection: every statement gets the fetch size asked for and is
 * canceled in the database when the query is canceled or times out, and every SQLException names the
 * source. Statements hand back the guarded connection and result sets the guarded statement, so that
 * whoever closes them through {@code getStatement()} or {@code getConnection()} closes the guards too.
 * Result sets are a plain class ({@link JdbcResultSet}): their calls run per row and column, where a
 * proxy's reflection would cost more than reading the values. On a connection given a {@link JdbcCopy},
 * a statement executed from its text (as Calcite's generated code runs a pushed-down query) is read through
 * COPY where the copy reads its columns' types.
 */
final class JdbcGuard implements InvocationHandler {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcGuard.class);

  private final Object target;
  private final JdbcConfig config;
  /** Rows per round trip; 0 reads a result whole (see {@link JdbcSource#connection}). */
  private final int fetchSize;
  private final ScanContext context;
  /** A statement's guarded connection; empty for the connection's own guard. */
  private final Optional<Object> parent;
  /** Cancel registrations of this statement, removed when it closes. */
  private final List<AutoCloseable> onClose = new ArrayList<>();
  /** The statement's SQL (prepared, or last executed), for the query's count of what it sent. */
  private Optional<String> sql;
  /** What reads statements executed from their text through COPY, if this connection's do. */
  private final Optional<JdbcCopy> copy;
  /** The rows of the statement's last execution through COPY. */
  private Optional<ResultSet> copied = Optional.empty();

  private JdbcGuard(Object target, JdbcConfig config, int fetchSize, ScanContext context,
      Optional<Object> parent, Optional<String> sql, Optional<JdbcCopy> copy) {
    this.target = target;
    this.config = config;
    this.fetchSize = fetchSize;
    this.context = context;
    this.parent = parent;
    this.sql = sql;
    this.copy = copy;
  }

  /**
   * Guards a pooled connection for one query, its statements fetching {@code fetchSize} rows a trip, or
   * read through {@code copy} where it can.
   */
  static Connection connection(Connection c, JdbcConfig config, int fetchSize, ScanContext context,
      Optional<JdbcCopy> copy) {
    return (Connection) Proxy.newProxyInstance(JdbcGuard.class.getClassLoader(),
        new Class<?>[] {Connection.class},
        new JdbcGuard(c, config, fetchSize, context, Optional.empty(), Optional.empty(), copy));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (name.equals("getConnection") && parent.isPresent()) {
      return parent.get();
    }
    if (name.equals("close")) {
      closeRegistrations();
    }
    boolean textFirst = args != null && args.length > 0 && args[0] instanceof String;
    if (parent.isPresent() && textFirst && name.startsWith("execute")) {
      sql = Optional.of((String) args[0]);
      if (copy.isPresent() && name.equals("execute") && args.length == 1
          && readThroughCopy(copy.get(), (Statement) proxy, sql.get())) {
        return true;
      }
    }
    if (name.equals("getResultSet") && copied.isPresent()) {
      return copied.get();
    }
    Object result;
    try {
      result = method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw translate(e.getCause());
    }
    if (result instanceof Statement s && method.getReturnType().isInterface()
        && Statement.class.isAssignableFrom(method.getReturnType())) {
      return statement(proxy, s, method.getReturnType(), textFirst ? Optional.of((String) args[0])
          : Optional.empty());
    }
    if (result instanceof ResultSet r && method.getReturnType() == ResultSet.class) {
      return new JdbcResultSet(r, config, context, (Statement) proxy,
          context.activity(new SourceOperation(config.source(), "", "statement", sql.orElse(""))));
    }
    return result;
  }

  /**
   * Runs the statement through COPY if the copy reads its columns' types; whether it did. The rows give the
   * guarded statement as theirs, through which Calcite's code closes it and its connection.
   */
  private boolean readThroughCopy(JdbcCopy copy, Statement statement, String text) throws SQLException {
    Connection connection = (Connection) parent.orElseThrow();
    try {
      if (!copy.reads(connection, text)) {
        return false;
      }
      copied = Optional.of(copy.open(connection, text, text, Optional.of(statement), context));
      return true;
    } catch (SQLException e) {
      throw (SQLException) translate(e);
    }
  }

  private Throwable translate(Throwable e) {
    return e instanceof SQLException s && !JdbcErrors.isTranslated(config, s) ? JdbcErrors.query(config, s) : e;
  }

  private Object statement(Object connection, Statement s, Class<?> type, Optional<String> sql)
      throws SQLException {
    s.setFetchSize(fetchSize);
    JdbcGuard guard = new JdbcGuard(s, config, fetchSize, context, Optional.of(connection), sql, copy);
    guard.onClose.add(context.onCancel(() -> cancel(s)));
    return Proxy.newProxyInstance(JdbcGuard.class.getClassLoader(), new Class<?>[] {type}, guard);
  }

  private void cancel(Statement s) {
    try {
      s.cancel();
    } catch (SQLException | RuntimeException e) {
      LOG.debug("Canceling a statement of {} failed", config, e);
    }
  }

  private void closeRegistrations() {
    for (AutoCloseable c : onClose) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.debug("Removing a cancel action failed", e);
      }
    }
    onClose.clear();
  }
}
