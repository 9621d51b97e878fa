package io.xsql.driver;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Handler;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.HandlerImpl;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.jdbc.XsqlConnectionImpl;
import org.apache.calcite.jdbc.XsqlJdbcFactory;
import org.apache.calcite.jdbc.XsqlMeta;

/**
 * Calcite's driver, made to answer {@code jdbc:xsql:} with xsql's connections. Not registered with
 * {@link java.sql.DriverManager}: {@link XsqlDriver} is, and delegates here.
 */
final class EmbeddedDriver extends Driver {
  static final String PREFIX = "jdbc:xsql:";

  EmbeddedDriver() {
    super(XsqlPrepare::new);
  }

  @Override
  protected String getConnectStringPrefix() {
    return PREFIX;
  }

  @Override
  protected String getFactoryClassName(JdbcVersion jdbcVersion) {
    return XsqlJdbcFactory.class.getName();
  }

  @Override
  protected DriverVersion createDriverVersion() {
    return XsqlVersion.DRIVER_VERSION;
  }

  /** xsql's metadata calls (see {@link XsqlMeta}). */
  @Override
  public Meta createMeta(AvaticaConnection connection) {
    return XsqlMeta.create(connection);
  }

  @Override
  protected Handler createHandler() {
    return new HandlerImpl() {
      @Override
      public void onConnectionInit(AvaticaConnection connection) throws SQLException {
        ((XsqlConnectionImpl) connection).initialize();
      }
    };
  }
}
