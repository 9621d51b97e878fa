package io.xsql.jdbc;

import io.xsql.tck.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Helpers for tests that read databases through xsql. */
final class DatabaseSources {
  private DatabaseSources() {}

  /** Runs statements directly on a database (not through xsql). */
  static void execute(TestDatabase db, String database, String... sql) throws SQLException {
    try (Connection c = db.connect(database); Statement s = c.createStatement()) {
      for (String each : sql) {
        s.execute(each);
      }
    }
  }

  /** Writes a catalog with the given YAML under {@code sources:} and connects to it. */
  static Connection connect(Path dir, String sources) throws SQLException, IOException {
    Path catalog = Files.createTempFile(dir, "catalog", ".yaml");
    Files.writeString(catalog, "sources:\n" + sources);
    return DriverManager.getConnection("jdbc:xsql:catalog=" + catalog);
  }
}
