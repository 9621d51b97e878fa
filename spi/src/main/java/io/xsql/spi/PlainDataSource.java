package io.xsql.spi;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that only hands out connections: logging goes through SLF4J, login timeouts are
 * the pool's or the driver's business, and it wraps nothing but itself. Implementations supply
 * {@code getConnection()} and, where it makes sense, {@code getConnection(user, password)}.
 */
public interface PlainDataSource extends DataSource {

  @Override
  default PrintWriter getLogWriter() {
    return null;
  }

  @Override
  default void setLogWriter(PrintWriter out) {
    // xsql logs through SLF4J.
  }

  @Override
  default void setLoginTimeout(int seconds) {
    // Connection timeouts are configured elsewhere (the catalog's pool settings).
  }

  @Override
  default int getLoginTimeout() {
    return 0;
  }

  @Override
  default Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("xsql logs through SLF4J");
  }

  @Override
  default <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper for " + iface);
  }

  @Override
  default boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
