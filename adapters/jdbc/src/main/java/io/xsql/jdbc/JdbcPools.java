package io.xsql.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.xsql.spi.DaemonThreads;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JVM's database pools, one per distinct source configuration, shared by every xsql connection whose
 * catalog declares that source. A pool no connection uses any more closes after a grace period, so that
 * code opening a connection per query still reuses one pool.
 */
final class JdbcPools {
  /** How long an unused pool stays open for the next xsql connection. */
  private static final Duration LINGER = Duration.ofSeconds(60);
  private static final AtomicInteger POOL_NUMBER = new AtomicInteger();
  private static final ScheduledExecutorService CLOSER = Executors.newSingleThreadScheduledExecutor(
      DaemonThreads.named("xsql-pool-closer"));
  private static final Map<Key, Shared> POOLS = new HashMap<>();

  /** What makes two sources share a pool: everything that decides how connections are opened. */
  private record Key(JdbcKind kind, String url, Optional<String> user, Optional<String> password,
      Optional<String> driver, JdbcConfig.PoolSettings pool) {}

  private static final class Shared {
    final HikariDataSource pool;
    int users;
    Optional<ScheduledFuture<?>> closing = Optional.empty();

    Shared(HikariDataSource pool) {
      this.pool = pool;
    }
  }

  private JdbcPools() {}

  /** Takes a share of the source's pool, creating it if needed; close the lease to give it back. */
  static JdbcPool lease(JdbcConfig config) {
    Key key = new Key(config.kind(), config.url(), config.user(), config.password(), config.driver(),
        config.pool());
    synchronized (POOLS) {
      Shared shared = POOLS.computeIfAbsent(key, k -> new Shared(create(config)));
      shared.closing.ifPresent(f -> f.cancel(false));
      shared.closing = Optional.empty();
      shared.users++;
      return new JdbcPool(shared.pool, () -> release(key, shared));
    }
  }

  private static void release(Key key, Shared shared) {
    synchronized (POOLS) {
      if (--shared.users == 0) {
        shared.closing = Optional.of(CLOSER.schedule(() -> closeIfUnused(key, shared),
            LINGER.toMillis(), TimeUnit.MILLISECONDS));
      }
    }
  }

  private static void closeIfUnused(Key key, Shared shared) {
    synchronized (POOLS) {
      if (shared.users > 0 || POOLS.get(key) != shared) {
        return;
      }
      POOLS.remove(key);
    }
    shared.pool.close();
  }

  private static HikariDataSource create(JdbcConfig config) {
    HikariConfig h = new HikariConfig();
    h.setPoolName("xsql-" + config.source() + "-" + POOL_NUMBER.incrementAndGet());
    h.setJdbcUrl(config.kind() == JdbcKind.MYSQL && config.driver().isEmpty()
        ? JdbcUrls.mariadb(config.url()) : config.url());
    config.user().ifPresent(h::setUsername);
    config.password().ifPresent(h::setPassword);
    config.driver().or(() -> Optional.of(config.kind().bundledDriver()).filter(d -> !d.isEmpty()))
        .ifPresent(h::setDriverClassName);
    JdbcConfig.PoolSettings p = config.pool();
    h.setMaximumPoolSize(p.maxSize());
    h.setMinimumIdle(p.minIdle());
    h.setConnectionTimeout(p.connectionTimeout().toMillis());
    h.setIdleTimeout(p.idleTimeout().toMillis());
    h.setMaxLifetime(p.maxLifetime().toMillis());
    // A database that is down must not stop the catalog from opening: the first query reports it.
    h.setInitializationFailTimeout(-1);
    h.setReadOnly(true);
    Properties properties = new Properties();
    switch (config.kind()) {
      case POSTGRES -> {
        // PostgreSQL streams through a cursor only inside a transaction.
        h.setAutoCommit(false);
        properties.setProperty("ApplicationName", "xsql");
        // No server-side prepared statements: PostgreSQL then plans each statement for its values. A
        // lookup join runs one statement per key batch, and from the fifth run pgjdbc's named statement
        // gets a generic plan that cannot see how few keys a batch holds (TPC-H Q8 took 44 s, not 5).
        properties.setProperty("prepareThreshold", "0");
        // Literals are quoted the standard way; a server configured otherwise would read backslashes.
        h.setConnectionInitSql("SET standard_conforming_strings = on");
      }
      case MYSQL -> {
        // Standard string literals: Calcite quotes by doubling quotes, so a backslash must be just a
        // character, or a value ending in one would end the literal early.
        h.setConnectionInitSql(
            "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@sql_mode, ''), 'NO_BACKSLASH_ESCAPES')");
      }
      case GENERIC -> h.setAutoCommit(false);
    }
    properties.putAll(p.properties());
    h.setDataSourceProperties(properties);
    return new HikariDataSource(h);
  }
}
