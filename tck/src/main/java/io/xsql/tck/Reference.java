package io.xsql.tck;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** An H2 database in memory holding a dataset: the independent reference every result is checked against. */
public final class Reference implements AutoCloseable {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final Connection connection;

  private Reference(Connection connection) {
    this.connection = connection;
  }

  /** Loads a dataset into a new H2 database as table {@code table}. */
  public static Reference load(Dataset data, String table) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:h2:mem:reference" + COUNTER.incrementAndGet()
        + ";DATABASE_TO_UPPER=FALSE;DB_CLOSE_DELAY=0");
    String columns = data.columns().stream().map(col -> "\"" + col.name() + "\" " + col.type())
        .collect(Collectors.joining(", "));
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE \"" + table + "\" (" + columns + ")");
    }
    String marks = data.columns().stream().map(col -> "?").collect(Collectors.joining(", "));
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO \"" + table + "\" VALUES (" + marks + ")")) {
      for (Object[] row : data.rows()) {
        for (int i = 0; i < row.length; i++) {
          ps.setObject(i + 1, row[i]);
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return new Reference(c);
  }

  /** The reference connection. */
  public Connection connection() {
    return connection;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
