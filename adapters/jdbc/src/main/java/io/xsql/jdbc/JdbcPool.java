package io.xsql.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

/** One source's share of a JVM-wide pool; closing it gives the share back. */
final class JdbcPool implements AutoCloseable {
  private final HikariDataSource pool;
  private final Runnable release;
  private final AtomicBoolean closed = new AtomicBoolean();

  JdbcPool(HikariDataSource pool, Runnable release) {
    this.pool = pool;
    this.release = release;
  }

  /** A pooled connection; the caller closes it to return it. */
  Connection connection() throws SQLException {
    return pool.getConnection();
  }

  /** The underlying pool, for tests and statistics. */
  HikariDataSource pool() {
    return pool;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      release.run();
    }
  }
}
