package io.xsql.examples.federated;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The headline query from plain {@code java.sql}: one statement joining MariaDB, PostgreSQL, a CSV file, a
 * REST API and MongoDB through the catalog {@link FederatedShop} writes.
 *
 * <p>Run it from the repository root, after {@code mvn install -DskipTests}, with PostgreSQL and MariaDB
 * running locally (or named by {@code XSQL_DEMO_POSTGRES} / {@code XSQL_DEMO_MARIADB}):
 * <pre>{@code
 * mvn -q -pl examples exec:java -Dexec.mainClass=io.xsql.examples.federated.FederatedExample
 * }</pre>
 * Given a catalog path as its argument, it runs the query over that catalog instead of setting the shop up.
 */
public final class FederatedExample {
  /** German customers' orders with product, price, shipping status and review, from five systems. */
  public static final String QUERY = """
      SELECT c.name AS customer, o.order_id, o.ordered_at, p.product, o.quantity,
             o.quantity * p.unit_price AS amount, s.carrier, s.status, r.stars
      FROM crm.customers c                                          -- MariaDB
      JOIN sales.orders o       ON o.customer_id = c.customer_id     -- PostgreSQL
      JOIN prices p             ON p.sku = o.sku                     -- a CSV file
      JOIN shipping.shipments s ON s.order_id = o.order_id           -- a REST API
      LEFT JOIN shop.reviews r  ON r.order_id = o.order_id           -- MongoDB
      WHERE c.country = 'DE'
      ORDER BY o.order_id""";

  private FederatedExample() {}

  /** Sets the shop up (or takes the catalog {@code args[0]}), runs the query and prints its rows. */
  public static void main(String[] args) throws Exception {
    if (args.length > 0) {
      rows(Path.of(args[0])).forEach(System.out::println);
      return;
    }
    try (FederatedShop shop = FederatedShop.open(ShopSettings.of(Path.of("examples/federated"), System.getenv()))) {
      rows(shop.catalog()).forEach(System.out::println);
    }
  }

  /** The query's rows over a catalog, a line each, values separated by {@code " | "}. */
  public static List<String> rows(Path catalog) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:xsql:catalog=" + catalog);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(QUERY)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        StringJoiner line = new StringJoiner(" | ");
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          line.add(String.valueOf(rs.getObject(i)));
        }
        out.add(line.toString());
      }
      return out;
    }
  }
}
