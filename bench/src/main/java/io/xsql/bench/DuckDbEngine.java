package io.xsql.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** DuckDB in memory, querying the files through views (no import). */
final class DuckDbEngine implements BenchEngine {

  @Override
  public String name() {
    return "duckdb";
  }

  @Override
  public String explain(String sql) {
    return "EXPLAIN " + sql;
  }

  @Override
  public boolean scansFiles() {
    return true;
  }

  @Override
  public Connection open(Path data) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = c.createStatement()) {
      for (String table : new String[] {"products", "images"}) {
        s.execute("CREATE VIEW " + table + " AS SELECT * FROM read_json_auto('"
            + data.resolve(table + ".jsonl").toAbsolutePath() + "', format = 'newline_delimited')");
      }
      s.execute("CREATE VIEW images_csv AS SELECT * FROM read_csv('"
          + data.resolve("images.csv").toAbsolutePath() + "', header = true)");
    }
    return c;
  }
}
