package io.xsql.jdbc;

/** JDBC URL rewrites for the drivers xsql bundles. */
final class JdbcUrls {
  private JdbcUrls() {}

  /**
   * The URL the bundled MariaDB driver accepts for a MySQL or MariaDB source: it answers
   * {@code jdbc:mysql:} URLs only when told to, so that it does not take them from MySQL's own driver.
   */
  static String mariadb(String url) {
    if (!url.startsWith("jdbc:mysql:")) {
      return url;
    }
    return url + (url.contains("?") ? "&" : "?") + "permitMysqlScheme";
  }
}
