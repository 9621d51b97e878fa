package io.xsql.examples.federated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shop's data as files ({@code customers.csv}, {@code orders.csv}, {@code reviews.jsonl},
 * {@code shipments.jsonl}), read through xsql itself before they are loaded into their systems.
 */
final class ShopFiles {
  /** Each file's table and its catalog entry; paths relative to the data folder. */
  private static final Map<String, String> ENTRIES = Map.of(
      "customers", "{ type: csv, path: \"%s/customers.csv\" }",
      "orders", "{ type: csv, path: \"%s/orders.csv\", columns: { ordered_at: DATE } }",
      "reviews", "{ type: jsonl, path: \"%s/reviews.jsonl\" }",
      "shipments", "{ type: jsonl, path: \"%s/shipments.jsonl\" }");

  private ShopFiles() {}

  /** Every file's rows, by table name; {@code scratch} takes the catalog that reads them. */
  static Map<String, List<Map<String, Object>>> read(Path data, Path scratch) throws IOException, SQLException {
    StringBuilder catalog = new StringBuilder("sources:\n");
    String folder = data.toAbsolutePath().toString();
    ENTRIES.forEach((table, entry) -> catalog.append("  ").append(table).append(": ")
        .append(String.format(entry, folder)).append('\n'));
    Path file = scratch.resolve("files.yaml");
    Files.writeString(file, catalog);
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:xsql:catalog=" + file);
        Statement s = c.createStatement()) {
      for (String table : ENTRIES.keySet()) {
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
          out.put(table, FederatedShop.rows(rs));
        }
      }
    }
    return out;
  }
}
