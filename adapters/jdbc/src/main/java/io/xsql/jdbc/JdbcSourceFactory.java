package io.xsql.jdbc;

import io.xsql.spi.Source;
import io.xsql.spi.SourceConfig;
import io.xsql.spi.SourceFactory;
import java.util.Set;

/** Opens {@code postgres}, {@code mysql}, {@code mariadb} and {@code jdbc} sources. */
public final class JdbcSourceFactory implements SourceFactory {

  @Override
  public Set<String> types() {
    return Set.of("postgres", "postgresql", "mysql", "mariadb", "jdbc");
  }

  @Override
  public Source open(SourceConfig config) {
    return new JdbcSource(JdbcConfig.read(config), config.lookupCache());
  }
}
