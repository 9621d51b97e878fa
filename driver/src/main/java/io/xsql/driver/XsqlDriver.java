package io.xsql.driver;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The xsql JDBC driver: {@code jdbc:xsql:} for an empty catalog, {@code jdbc:xsql:catalog=PATH} for a
 * catalog file, further settings as {@code ;key=value} or as properties; {@code jdbc:xsql:remote:url=...}
 * for an xsql server (Avatica's remote driver, protobuf unless {@code serialization} says otherwise).
 */
public final class XsqlDriver implements Driver {
  static {
    CalciteDefaults.apply();
    try {
      DriverManager.registerDriver(new XsqlDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** URLs of an xsql server: what follows is Avatica's remote settings ({@code url=http://host:8765}). */
  static final String REMOTE_PREFIX = EmbeddedDriver.PREFIX + "remote:";

  /** Created on first use, after {@link CalciteDefaults} took effect. */
  private static final class Embedded {
    static final EmbeddedDriver DRIVER = new EmbeddedDriver();
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    if (url.startsWith(REMOTE_PREFIX)) {
      return RemoteDriver.connect(url.substring(REMOTE_PREFIX.length()), info);
    }
    Properties settings = ConnectionSettings.resolve(url.substring(EmbeddedDriver.PREFIX.length()), info);
    return Embedded.DRIVER.connect(url, settings);
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(EmbeddedDriver.PREFIX);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    DriverPropertyInfo catalog = new DriverPropertyInfo(ConnectionSettings.CATALOG,
        info == null ? null : info.getProperty(ConnectionSettings.CATALOG));
    catalog.description = "Path of the catalog file (YAML or JSON) declaring the sources";
    return new DriverPropertyInfo[] {catalog};
  }

  @Override
  public int getMajorVersion() {
    return XsqlVersion.DRIVER_VERSION.majorVersion;
  }

  @Override
  public int getMinorVersion() {
    return XsqlVersion.DRIVER_VERSION.minorVersion;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("xsql logs through SLF4J");
  }
}
