package io.xsql.server;

import io.xsql.driver.RemoteCancelRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.jdbc.ServerStatementInfo;
import org.apache.calcite.avatica.jdbc.StatementInfo;
import org.apache.calcite.avatica.proto.Requests;
import org.apache.calcite.avatica.remote.TypedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Avatica's JDBC bridge over xsql connections, made safe for remote users: client connection properties
 * pass only from a short allow-list (Avatica would merge every one into the server-side connection, and
 * {@code catalog} or {@code model} would read any file on the host); each connection belongs to the user
 * who opened it, and its id and its statements' ids mean nothing to anyone else; statements other than
 * queries are refused; each user's sources and limits apply.
 */
final class ServerMeta extends JdbcMeta {
  /** Client properties that pass to the server-side connection: they change how SQL reads, nothing else. */
  static final Set<String> ALLOWED = Set.of("lex", "joinStrategies", "schema", "timeZone");
  /** Client properties taken and dropped: HTTP authentication decides who the user is. */
  static final Set<String> DROPPED = Set.of("user", "password");

  private static final Logger LOG = LoggerFactory.getLogger(ServerMeta.class);
  private static final String CACHE_PREFIX = "avatica.";

  private final ServerConfig config;
  /** Connection id to the user who opened it. */
  private final ConcurrentMap<String, String> owners = new ConcurrentHashMap<>();
  private final ServerStatements statements = new ServerStatements();

  ServerMeta(ServerConfig config) throws SQLException {
    super("jdbc:xsql:", cacheSettings(config));
    this.config = config;
  }

  private static Properties cacheSettings(ServerConfig config) {
    Properties p = new Properties();
    String seconds = Long.toString(Math.max(1, config.idleTimeout().toSeconds()));
    p.setProperty(ConnectionCacheSettings.EXPIRY_DURATION.key(), seconds);
    p.setProperty(ConnectionCacheSettings.EXPIRY_UNIT.key(), TimeUnit.SECONDS.name());
    p.setProperty(StatementCacheSettings.EXPIRY_DURATION.key(), seconds);
    p.setProperty(StatementCacheSettings.EXPIRY_UNIT.key(), TimeUnit.SECONDS.name());
    return p;
  }

  /** The user of the request being served. */
  private ServerUser user() {
    return config.user(ServerCaller.current().map(ServerCaller::user).orElseGet(() -> {
      if (config.auth() != ServerAuth.NONE) {
        // Jetty's security handler lets no request through unauthenticated; this would be a wiring bug.
        throw new IllegalStateException("no authenticated user for this request");
      }
      return ServerConfig.ANONYMOUS;
    }));
  }

  @Override
  public void openConnection(ConnectionHandle ch, Map<String, String> info) {
    ServerUser user = user();
    Set<String> refused = new TreeSet<>();
    Map<String, String> settings = new HashMap<>();
    if (info != null) {
      info.forEach((key, value) -> {
        if (ALLOWED.contains(key)) {
          settings.put(key, value);
        } else if (!DROPPED.contains(key)) {
          refused.add(key);
        }
      });
    }
    if (!refused.isEmpty()) {
      throw ServerErrors.forbidden("the xsql server does not take the connection properties " + refused
          + " from clients; it takes " + new TreeSet<>(ALLOWED));
    }
    settings.put("catalog", config.catalog().toString());
    user.sources().ifPresent(s -> settings.put("sources", String.join(",", s)));
    try {
      super.openConnection(ch, settings);
    } catch (RuntimeException e) {
      throw ServerErrors.translate(e);
    }
    owners.put(ch.id, user.name());
    LOG.debug("user '{}' opened connection {}", ServerCaller.printable(user.name()), ch.id);
  }

  /** Drops Avatica's cache settings, which JdbcMeta merges into every connection's properties. */
  @Override
  protected Connection createConnection(String url, Properties info) throws SQLException {
    Properties settings = new Properties();
    for (String key : info.stringPropertyNames()) {
      if (!key.startsWith(CACHE_PREFIX)) {
        settings.setProperty(key, info.getProperty(key));
      }
    }
    return super.createConnection(url, settings);
  }

  /** A connection of the caller's; another user's id is as unknown as an id that never existed. */
  @Override
  protected Connection getConnection(String id) throws SQLException {
    if (id == null || !user().name().equals(owners.get(id))) {
      throw new NoSuchConnectionException("Connection not found: invalid id, closed, or expired: " + id);
    }
    return super.getConnection(id);
  }

  @Override
  public void closeConnection(ConnectionHandle ch) {
    try {
      getConnection(ch.id);
    } catch (SQLException | NoSuchConnectionException e) {
      return;
    }
    try {
      super.closeConnection(ch);
    } finally {
      owners.remove(ch.id);
      // Avatica leaves a closed connection's statements in its cache until they expire; they count
      // against the user's limit, so they go now.
      statements.closedConnection(ch.id).forEach(getStatementCache()::invalidate);
    }
  }

  /** The caller's statement {@code h}, which must belong to the connection the handle names. */
  private Statement statement(StatementHandle h) throws NoSuchStatementException {
    try {
      Connection connection = getConnection(h.connectionId);
      StatementInfo info = getStatementCache().getIfPresent(h.id);
      Statement s = info == null ? null : ServerStatementInfo.statement(info);
      if (s == null || s.getConnection() != connection) {
        throw new NoSuchStatementException(h);
      }
      return s;
    } catch (SQLException | NoSuchConnectionException e) {
      throw new NoSuchStatementException(h);
    }
  }

  /**
   * Cancels what the caller's statement runs, as {@code Statement.cancel()} does from another thread (it
   * never waits for the executing one); false if the caller has no such statement.
   */
  boolean cancel(RemoteCancelRequest request) {
    try {
      statement(new StatementHandle(request.connectionId(), request.statementId(), null)).cancel();
    } catch (NoSuchStatementException | SQLException e) {
      // Unknown, another user's, or closed meanwhile: nothing of the caller's runs under that id.
      return false;
    }
    LOG.debug("user '{}' canceled statement {}", ServerCaller.printable(user().name()), request.statementId());
    return true;
  }

  /** Whether statement {@code id} still exists, without counting as a use (which would delay its expiry). */
  private boolean alive(int id) {
    return getStatementCache().asMap().containsKey(id);
  }

  @Override
  public StatementHandle createStatement(ConnectionHandle ch) {
    ServerUser user = user();
    statements.reserve(user.name(), user.limits().maxStatements(), this::alive);
    try {
      StatementHandle h = super.createStatement(ch);
      limit(h, user);
      statements.confirm(user.name(), h.id, ch.id);
      return h;
    } catch (RuntimeException e) {
      statements.release(user.name());
      throw e;
    }
  }

  @Override
  public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    ServerUser user = user();
    statements.reserve(user.name(), user.limits().maxStatements(), this::alive);
    try {
      ServerQueries.check(sql, getConnection(ch.id), user);
      StatementHandle h = super.prepare(ch, sql, user.limits().cap(maxRowCount));
      limit(h, user);
      statements.confirm(user.name(), h.id, ch.id);
      return h;
    } catch (SQLException e) {
      statements.release(user.name());
      throw ServerErrors.translate(new RuntimeException(e));
    } catch (RuntimeException e) {
      statements.release(user.name());
      throw ServerErrors.translate(e);
    }
  }

  /** Gives a new statement the user's query timeout. */
  private void limit(StatementHandle h, ServerUser user) {
    try {
      int timeout = user.limits().timeoutSeconds();
      if (timeout > 0) {
        statement(h).setQueryTimeout(timeout);
      }
    } catch (SQLException | NoSuchStatementException e) {
      throw new RuntimeException(e);
    }
  }

  @Override
  public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount,
      int maxRowsInFirstFrame, PrepareCallback callback) throws NoSuchStatementException {
    Statement s = statement(h);
    ServerUser user = user();
    try {
      ServerQueries.check(sql, s.getConnection(), user);
      long rows = user.limits().cap(maxRowCount);
      int firstFrame = rows > 0 ? (int) Math.min(maxRowsInFirstFrame, rows) : maxRowsInFirstFrame;
      return super.prepareAndExecute(h, sql, rows, firstFrame, callback);
    } catch (SQLException e) {
      throw ServerErrors.translate(new RuntimeException(e));
    } catch (RuntimeException e) {
      throw ServerErrors.translate(e);
    }
  }

  @Override
  public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
      throws NoSuchStatementException {
    Statement s = statement(h);
    ServerUser user = user();
    try {
      for (String sql : sqlCommands) {
        ServerQueries.check(sql, s.getConnection(), user);
      }
    } catch (SQLException e) {
      throw ServerErrors.translate(new RuntimeException(e));
    }
    return super.prepareAndExecuteBatch(h, sqlCommands);
  }

  @Override
  public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> updateBatches)
      throws NoSuchStatementException {
    statement(h);
    return super.executeBatch(h, updateBatches);
  }

  @Override
  public ExecuteBatchResult executeBatchProtobuf(StatementHandle h,
      List<Requests.UpdateBatch> updateBatches) throws NoSuchStatementException {
    statement(h);
    return super.executeBatchProtobuf(h, updateBatches);
  }

  @Override
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues,
      int maxRowsInFirstFrame) throws NoSuchStatementException {
    statement(h);
    try {
      return super.execute(h, parameterValues, maxRowsInFirstFrame);
    } catch (RuntimeException e) {
      throw ServerErrors.translate(e);
    }
  }

  @Override
  public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
      throws NoSuchStatementException, MissingResultsException {
    statement(h);
    try {
      return super.fetch(h, offset, fetchMaxRowCount);
    } catch (RuntimeException e) {
      throw ServerErrors.translate(e);
    }
  }

  @Override
  public boolean syncResults(StatementHandle sh, QueryState state, long offset)
      throws NoSuchStatementException {
    Statement s = statement(sh);
    try {
      // A client re-creating a result sends the SQL again: it must pass the same check as the first time.
      if (state.type == QueryState.StateType.SQL) {
        ServerQueries.check(state.sql, s.getConnection(), user());
      }
      return super.syncResults(sh, state, offset);
    } catch (SQLException e) {
      throw ServerErrors.translate(new RuntimeException(e));
    } catch (RuntimeException e) {
      throw ServerErrors.translate(e);
    }
  }

  @Override
  public void closeStatement(StatementHandle h) {
    try {
      statement(h);
    } catch (NoSuchStatementException e) {
      return;
    }
    try {
      super.closeStatement(h);
    } finally {
      statements.closed(h.id);
    }
  }

  /**
   * Lets idle connections and statements expire now: Avatica's caches only expire entries when they are
   * used, and an abandoned result must close (and hand back its database connections) even when no
   * request comes. Called periodically by the server.
   */
  void expire() {
    getConnectionCache().cleanUp();
    getStatementCache().cleanUp();
    owners.keySet().removeIf(id -> !getConnectionCache().asMap().containsKey(id));
    statements.sweep(this::alive);
  }

  /** Closes every statement and connection, as the server stops. */
  void closeAll() {
    getStatementCache().invalidateAll();
    getConnectionCache().invalidateAll();
    owners.clear();
  }

  /** Connections open on the server, of all users. */
  int connectionCount() {
    return getConnectionCache().asMap().size();
  }

  /** Statements open on the server (metadata results included), of all users. */
  int statementCount() {
    return getStatementCache().asMap().size();
  }

  /** Statements {@code user} has open, as counted for the limit. */
  int statementCount(String user) {
    return statements.count(user);
  }
}
