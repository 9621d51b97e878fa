package io.xsql.driver;

import io.xsql.spi.PlainDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * A {@link DataSource} for pools and frameworks. Set a URL ({@code jdbc:xsql:catalog=sources.yaml}) or
 * just a catalog path; every connection reads the catalog anew.
 */
public final class XsqlDataSource implements PlainDataSource {
  private final XsqlDriver driver = new XsqlDriver();
  private final Properties properties = new Properties();
  private volatile String url = EmbeddedDriver.PREFIX;
  private volatile int loginTimeout;

  public String getUrl() {
    return url;
  }

  /** Sets the JDBC URL; it must start with {@code jdbc:xsql:}. */
  public void setUrl(String url) {
    if (!driver.acceptsURL(url)) {
      throw new IllegalArgumentException("not an xsql URL: " + url);
    }
    this.url = url;
  }

  /** Sets the catalog file, as the {@code catalog} setting does. */
  public void setCatalog(String path) {
    properties.setProperty(ConnectionSettings.CATALOG, path);
  }

  /** Sets any other connection setting. */
  public void setProperty(String key, String value) {
    properties.setProperty(key, value);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return driver.connect(url, properties);
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    Properties p = new Properties();
    p.putAll(properties);
    p.setProperty("user", username);
    p.setProperty("password", password);
    return driver.connect(url, p);
  }

  @Override
  public void setLoginTimeout(int seconds) {
    loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }
}
