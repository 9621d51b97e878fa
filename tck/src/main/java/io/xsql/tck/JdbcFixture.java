package io.xsql.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.stream.Collectors;

/** Loads the dataset into a fresh database on a test server and declares it as source {@code db}. */
public final class JdbcFixture implements SourceFixture {
  private final TestDatabase database;

  private JdbcFixture(TestDatabase database) {
    this.database = database;
  }

  /** The dataset in PostgreSQL. */
  public static JdbcFixture postgres() {
    return new JdbcFixture(TestDatabase.POSTGRES);
  }

  /** The dataset in MariaDB. */
  public static JdbcFixture mariadb() {
    return new JdbcFixture(TestDatabase.MARIADB);
  }

  @Override
  public Connection connect(Dataset data, String table, Path dir) throws SQLException {
    String name = name();
    database.create(name);
    try (Connection c = database.connect(name)) {
      String columns = data.columns().stream()
          .map(col -> database.quote(col.name()) + " " + database.sqlType(col.type()))
          .collect(Collectors.joining(", "));
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE " + database.quote(table) + " (" + columns + ")");
      }
      String marks = data.columns().stream().map(col -> "?").collect(Collectors.joining(", "));
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO " + database.quote(table) + " VALUES (" + marks + ")")) {
        for (Object[] row : data.rows()) {
          for (int i = 0; i < row.length; i++) {
            ps.setObject(i + 1, row[i]);
          }
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    Path catalog = dir.resolve("catalog.yaml");
    try {
      Files.writeString(catalog, "sources:\n  db: " + database.catalogEntry(name, "") + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return DriverManager.getConnection("jdbc:xsql:catalog=" + catalog + ";schema=db");
  }

  private String name() {
    return "xsql_tck_" + database.name().toLowerCase(Locale.ROOT);
  }

  /** Drops the fixture's database. */
  @Override
  public void close() {
    try {
      database.drop(name());
    } catch (SQLException e) {
      throw new IllegalStateException("dropping " + name() + " failed", e);
    }
  }

  @Override
  public boolean pushesFilters() {
    return true;
  }

  @Override
  public String pushedFilter() {
    return "JdbcFilter(condition=[=($0, 3)])";
  }
}
