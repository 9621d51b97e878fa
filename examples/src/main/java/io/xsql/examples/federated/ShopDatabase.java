package io.xsql.examples.federated;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The two databases of the shop: what each holds, how it is created, loaded and dropped. */
enum ShopDatabase {
  /** Orders, in a schema of their own. */
  POSTGRES("PostgreSQL", "orders", "SCHEMA", ShopSettings::postgresUrl, ShopSettings.POSTGRES_VARIABLE,
      "jdbc:postgresql://HOST:5432/DATABASE?user=USER",
      "on Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
      "order_id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, sku VARCHAR(20) NOT NULL,"
          + " quantity INTEGER NOT NULL, ordered_at DATE NOT NULL"),
  /** Customers, in a database of their own. */
  MARIADB("MariaDB", "customers", "DATABASE", ShopSettings::mariadbUrl, ShopSettings.MARIADB_VARIABLE,
      "jdbc:mariadb://HOST:3306/?user=USER",
      "on Debian: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd",
      "customer_id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, country CHAR(2) NOT NULL,"
          + " segment VARCHAR(20) NOT NULL");

  private final String product;
  private final String table;
  /** What holds the table: a PostgreSQL schema, a MariaDB database. */
  private final String container;
  private final Function<ShopSettings, String> url;
  private final String variable;
  private final String urlShape;
  private final String howToStart;
  private final String columns;

  ShopDatabase(String product, String table, String container, Function<ShopSettings, String> url,
      String variable, String urlShape, String howToStart, String columns) {
    this.product = product;
    this.table = table;
    this.container = container;
    this.url = url;
    this.variable = variable;
    this.urlShape = urlShape;
    this.howToStart = howToStart;
    this.columns = columns;
  }

  /** Creates the shop's schema or database afresh and loads the table's rows into it. */
  void load(ShopSettings settings, List<Map<String, Object>> rows) throws ShopException {
    try (Connection c = connect(settings)) {
      String name = settings.name();
      try (Statement s = c.createStatement()) {
        s.execute("DROP " + container + " IF EXISTS " + name + (container.equals("SCHEMA") ? " CASCADE" : ""));
        s.execute("CREATE " + container + " " + name);
        s.execute("CREATE TABLE " + name + "." + table + " (" + columns + ")");
      }
      List<String> names = List.copyOf(rows.get(0).keySet());
      String insert = "INSERT INTO " + name + "." + table + " (" + String.join(", ", names) + ") VALUES ("
          + String.join(", ", names.stream().map(n -> "?").toList()) + ")";
      try (PreparedStatement p = c.prepareStatement(insert)) {
        for (Map<String, Object> row : rows) {
          for (int i = 0; i < names.size(); i++) {
            p.setObject(i + 1, row.get(names.get(i)));
          }
          p.addBatch();
        }
        p.executeBatch();
      }
    } catch (SQLException e) {
      throw new ShopException("cannot load the shop's " + table + " into " + product + " at "
          + hidePassword(url.apply(settings)) + ": " + e.getMessage(), e);
    }
  }

  /** Drops the shop's schema or database. */
  void drop(ShopSettings settings) throws SQLException {
    try (Connection c = DriverManager.getConnection(url.apply(settings)); Statement s = c.createStatement()) {
      s.execute("DROP " + container + " IF EXISTS " + settings.name()
          + (container.equals("SCHEMA") ? " CASCADE" : ""));
    }
  }

  private Connection connect(ShopSettings settings) throws ShopException {
    String at = url.apply(settings);
    try {
      return DriverManager.getConnection(at);
    } catch (SQLException e) {
      throw new ShopException(product + " is not reachable at " + hidePassword(at) + " (" + e.getMessage()
          + "). Start it (" + howToStart + "), or name another server with " + variable + "=" + urlShape
          + " (bin/xsql demo federated takes --" + name().toLowerCase(java.util.Locale.ROOT) + " URL too).", e);
    }
  }

  /** A URL as messages show it: a password property masked. */
  static String hidePassword(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//[^/@:]+:[^/@]+@", "//***@");
  }
}
