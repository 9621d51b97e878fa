package io.xsql.examples;

import io.xsql.driver.XsqlConnection;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * xsql from plain {@code java.sql}: open a catalog of files through {@link DriverManager}, register a Java
 * list as one more table, and join the two in a prepared statement.
 *
 * <p>Run it from the repository root, after {@code mvn install}:
 * <pre>{@code
 * mvn -q -pl examples compile exec:java
 * }</pre>
 */
public final class JavaSqlExample {

  /** Stock on hand, as an application holds it; the record's components become the columns. */
  public record Stock(int productId, String warehouse, int quantity) {}

  /** One line of the report: a product from the file, stock from the list. */
  public record StockLine(String product, String warehouse, int quantity) {}

  /** The application's data: no file or database holds it. */
  static final List<Stock> STOCK = List.of(
      new Stock(101, "Malmö", 4),
      new Stock(101, "Rotterdam", 2),
      new Stock(102, "Malmö", 12),
      new Stock(103, "Lyon", 7),
      new Stock(104, "Rotterdam", 30),
      new Stock(106, "Rotterdam", 55),
      new Stock(108, "Rotterdam", 18),
      new Stock(111, "Lyon", 3));

  private static final String QUERY = """
      SELECT p.name, s.warehouse, s.quantity
      FROM products p
      JOIN stock s ON s.productId = p.product_id
      WHERE p.category = ?
      ORDER BY p.name, s.warehouse""";

  private JavaSqlExample() {}

  /** Prints the furniture in stock; the catalog is {@code args[0]}, else the bundled demo catalog. */
  public static void main(String[] args) throws SQLException {
    Path catalog = Path.of(args.length > 0 ? args[0] : "examples/demo/catalog.yaml");
    for (StockLine line : stockOf(catalog, "furniture")) {
      System.out.printf("%-20s %-10s %3d%n", line.product(), line.warehouse(), line.quantity());
    }
  }

  /**
   * The stock of one category's products: products come from the catalog's {@code products} file,
   * stock from {@link #STOCK}.
   */
  public static List<StockLine> stockOf(Path catalog, String category) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:xsql:catalog=" + catalog)) {
      // Registered tables belong to this connection and sit next to the catalog's files.
      connection.unwrap(XsqlConnection.class).register("stock", Stock.class, STOCK);
      try (PreparedStatement statement = connection.prepareStatement(QUERY)) {
        statement.setString(1, category);
        try (ResultSet rs = statement.executeQuery()) {
          List<StockLine> lines = new ArrayList<>();
          while (rs.next()) {
            lines.add(new StockLine(rs.getString("name"), rs.getString("warehouse"), rs.getInt("quantity")));
          }
          return lines;
        }
      }
    }
  }
}
