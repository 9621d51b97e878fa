package io.xsql.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** xsql over the JSON Lines files, both declared sorted by product_id (as the generator writes them). */
final class XsqlEngine implements BenchEngine {

  @Override
  public String name() {
    return "xsql";
  }

  @Override
  public boolean scansFiles() {
    return true;
  }

  @Override
  public Connection open(Path data) throws SQLException {
    Path catalog = data.resolve("xsql-catalog.yaml");
    try {
      Files.writeString(catalog, """
          sources:
            products: { type: jsonl, path: products.jsonl, sorted_by: [product_id] }
            images:   { type: jsonl, path: images.jsonl, sorted_by: [product_id] }
            images_csv: { type: csv, path: images.csv }
          """);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return DriverManager.getConnection("jdbc:xsql:catalog=" + catalog);
  }
}
