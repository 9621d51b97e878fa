package io.xsql.tck;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** A PostgreSQL or MariaDB database of the test machine holding some of the TPC-H tables. */
final class TpchDatabase implements TpchTarget {
  private static final String MARKER_TABLE = "tpch_fixture";

  private final TestDatabase server;
  private final String name;
  private final List<TpchTableDef> tables;

  TpchDatabase(TestDatabase server, String name, List<TpchTableDef> tables) {
    // The name goes into CREATE and DROP DATABASE as it is.
    if (!name.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("not a plain database name: " + name);
    }
    this.server = server;
    this.name = name;
    this.tables = List.copyOf(tables);
  }

  String name() {
    return name;
  }

  /** The catalog entry of a source reading this database. */
  String catalogEntry() {
    return server.catalogEntry(name, "");
  }

  Connection connect() throws SQLException {
    return server.connect(name);
  }

  @Override
  public String describe() {
    return server + " database " + name;
  }

  @Override
  public List<TpchTableDef> tables() {
    return tables;
  }

  @Override
  public boolean holds(String marker) {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT description FROM " + MARKER_TABLE)) {
      return rs.next() && marker.equals(rs.getString(1));
    } catch (SQLException e) {
      // No such database or no marker: loaded by nobody, or not to the end. A server that is down fails
      // in prepare() instead, with its own message.
      return false;
    }
  }

  @Override
  public void prepare() throws SQLException {
    if (server == TestDatabase.POSTGRES) {
      server.drop(name);
      try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
        // Byte-order collation: ORDER BY on text then agrees with xsql's (Java's) order on any machine.
        s.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
      }
    } else {
      server.create(name);
    }
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (TpchTableDef t : tables) {
        s.execute(t.createTable());
      }
    }
  }

  @Override
  public TpchSink sink(TpchTableDef table) throws SQLException {
    Connection c = connect();
    return server == TestDatabase.POSTGRES ? new TpchCopySink(c, table) : new TpchInsertSink(c, table);
  }

  @Override
  public void finish(String marker) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (TpchTableDef t : tables) {
        // Keys after the rows: building an index once is faster than keeping it up to date row by row.
        s.execute(t.addPrimaryKey());
        // Row estimates (pg_class.reltuples, information_schema.tables.table_rows) feed xsql's planner.
        s.execute((server == TestDatabase.POSTGRES ? "ANALYZE " : "ANALYZE TABLE ") + t.tableName());
      }
      s.execute("CREATE TABLE " + MARKER_TABLE + " (description varchar(200) NOT NULL)");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + MARKER_TABLE + " VALUES (?)")) {
        ps.setString(1, marker);
        ps.executeUpdate();
      }
    }
  }

  @Override
  public void drop() throws SQLException {
    server.drop(name);
  }
}
