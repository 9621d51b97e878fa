package io.xsql.tck;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The database servers of the test machine (PostgreSQL and MariaDB on loopback, see {@code .ci/run}), and
 * how a test gets a fresh database of its own on one of them.
 */
public enum TestDatabase {
  /** PostgreSQL at 127.0.0.1:5432, trust authentication. */
  POSTGRES("postgres", "jdbc:postgresql://127.0.0.1:5432/", "postgres", "test", Map.of(
      "INTEGER", "integer", "VARCHAR", "text", "DOUBLE", "double precision", "BIGINT", "bigint",
      "DECIMAL(10,2)", "numeric(10,2)", "BOOLEAN", "boolean", "DATE", "date", "TIMESTAMP", "timestamp(3)")),
  /** MariaDB at 127.0.0.1:3306, user root without a password. */
  MARIADB("mariadb", "jdbc:mariadb://127.0.0.1:3306/", "root", "test", Map.of(
      "INTEGER", "int", "VARCHAR", "varchar(200)", "DOUBLE", "double", "BIGINT", "bigint",
      "DECIMAL(10,2)", "decimal(10,2)", "BOOLEAN", "boolean", "DATE", "date", "TIMESTAMP", "datetime(3)"));

  private final String type;
  private final String server;
  private final String user;
  private final String adminDatabase;
  private final Map<String, String> datasetTypes;

  TestDatabase(String type, String server, String user, String adminDatabase, Map<String, String> datasetTypes) {
    this.type = type;
    this.server = server;
    this.user = user;
    this.adminDatabase = adminDatabase;
    this.datasetTypes = datasetTypes;
  }

  /** Drops and creates a database; returns its URL. */
  public String create(String name) throws SQLException {
    drop(name);
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return url(name);
  }

  /** Drops a database if it exists. */
  public void drop(String name) throws SQLException {
    try (Connection c = admin(); Statement s = c.createStatement()) {
      // FORCE: xsql's pools (of earlier runs too) may still hold connections to it.
      s.execute(this == POSTGRES ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"
          : "DROP DATABASE IF EXISTS " + name);
    }
  }

  /** A database's URL. */
  public String url(String database) {
    return server + database;
  }

  /** The admin user the tests connect as (no password). */
  public String user() {
    return user;
  }

  /** A direct connection (not through xsql) to a database, as the admin user. */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(url(database), user, "");
  }

  private Connection admin() throws SQLException {
    return connect(adminDatabase);
  }

  /** The catalog entry for a source reading a database, with extra settings appended. */
  public String catalogEntry(String database, String extra) {
    return "{ type: " + type + ", url: \"" + url(database) + "\", user: " + user
        + (extra.isEmpty() ? "" : ", " + extra) + " }";
  }

  /** The database's type for a dataset column type. */
  public String sqlType(String datasetType) {
    String t = datasetTypes.get(datasetType);
    if (t == null) {
      throw new IllegalArgumentException("no " + this + " type for " + datasetType);
    }
    return t;
  }

  /** How the database quotes a name. */
  public String quote(String name) {
    return this == POSTGRES ? "\"" + name + "\"" : "`" + name + "`";
  }
}
