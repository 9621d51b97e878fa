package io.xsql.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * H2 in memory: the data is imported first with H2's bulk {@code CSVREAD}, with an index on the join key,
 * then queried.
 */
final class H2Engine implements BenchEngine {
  private static final AtomicInteger DATABASES = new AtomicInteger();

  @Override
  public String name() {
    return "h2";
  }

  @Override
  public boolean imports() {
    return true;
  }

  @Override
  public Connection open(Path data) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:h2:mem:bench" + DATABASES.incrementAndGet()
        + ";DB_CLOSE_DELAY=0");
    for (String table : new String[] {"products", "images"}) {
      String columns = JsonlRows.fields(table).stream().map(f -> "CAST(" + f.name() + " AS "
          + (f.type() == Integer.class ? "INT" : f.type() == Double.class ? "DOUBLE" : "VARCHAR") + ") "
          + f.name()).collect(Collectors.joining(", "));
      try (Statement s = c.createStatement()) {
        // CSVREAD is H2's bulk import; the CSV copies are written once, untimed, with the data set.
        s.execute("CREATE TABLE " + table + " AS SELECT " + columns + " FROM CSVREAD('"
            + data.resolve(table + ".csv").toAbsolutePath() + "')");
        s.execute("CREATE INDEX " + table + "_pid ON " + table + " (product_id)");
      }
    }
    return c;
  }
}
