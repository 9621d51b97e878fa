package io.xsql.jdbc;

import io.xsql.spi.ScanContext;
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
 * Stands between a query and a pooled connection: every statement gets the source's fetch size and is
 * canceled in the database when the query is canceled or times out, and every SQLException names the
 * source. Statements and result sets hand back the guarded objects, so that whoever closes them through
 * {@code getStatement()} or {@code getConnection()} closes the guards too.
 */
final class JdbcGuard implements InvocationHandler {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcGuard.class);

  private final Object target;
  private final JdbcConfig config;
  private final ScanContext context;
  /** The guard of the object that created this one: a statement's connection, a result set's statement. */
  private final Optional<Object> parent;
  /** Cancel registrations of this statement, removed when it closes. */
  private final List<AutoCloseable> onClose = new ArrayList<>();

  private JdbcGuard(Object target, JdbcConfig config, ScanContext context, Optional<Object> parent) {
    this.target = target;
    this.config = config;
    this.context = context;
    this.parent = parent;
  }

  /** Guards a pooled connection for one query. */
  static Connection connection(Connection c, JdbcConfig config, ScanContext context) {
    return wrap(Connection.class, c, config, context, Optional.empty());
  }

  private static <T> T wrap(Class<T> type, Object target, JdbcConfig config, ScanContext context,
      Optional<Object> parent) {
    Object proxy = Proxy.newProxyInstance(JdbcGuard.class.getClassLoader(), new Class<?>[] {type},
        new JdbcGuard(target, config, context, parent));
    return type.cast(proxy);
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if ((name.equals("getConnection") || name.equals("getStatement")) && parent.isPresent()) {
      return parent.get();
    }
    if (name.equals("close")) {
      closeRegistrations();
    }
    Object result;
    try {
      result = method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof SQLException s && !JdbcErrors.isTranslated(config, s)
          ? JdbcErrors.query(config, s) : e.getCause();
    }
    if (target instanceof ResultSet && name.equals("getObject") && args.length == 1) {
      return JdbcValues.normalize(result);
    }
    if (result instanceof Statement s && method.getReturnType().isInterface()
        && Statement.class.isAssignableFrom(method.getReturnType())) {
      return statement(proxy, s, method.getReturnType());
    }
    if (result instanceof ResultSet r && method.getReturnType() == ResultSet.class) {
      return wrap(ResultSet.class, r, config, context, Optional.of(proxy));
    }
    return result;
  }

  private Object statement(Object connection, Statement s, Class<?> type) throws SQLException {
    s.setFetchSize(config.fetchSize());
    JdbcGuard guard = new JdbcGuard(s, config, context, Optional.of(connection));
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
