package io.xsql.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ConnectionTest {
  @TempDir
  Path dir;

  @Test
  void preparedStatementsStopAtTheirMaximumRowsAsPlainOnesDo() throws SQLException {
    Path catalog = Fixtures.usersAndDepartments(dir);
    try (Connection c = Fixtures.connect(catalog);
        PreparedStatement ps = c.prepareStatement("SELECT id FROM users WHERE id > ? ORDER BY id");
        Statement s = c.createStatement()) {
      ps.setMaxRows(2);
      ps.setInt(1, 1);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(Fixtures.rows(rs)).containsExactly("2", "3");
      }
      s.setMaxRows(2);
      try (ResultSet rs = s.executeQuery("SELECT id FROM users WHERE id > 1 ORDER BY id")) {
        assertThat(Fixtures.rows(rs)).containsExactly("2", "3");
      }
    }
  }

  @Test
  void statementsComeAndGoFromSeveralThreadsAtOnce() throws Exception {
    // Calcite kept a connection's statements in a HashMap: statements made from several threads at once (as
    // SchemaCrawler reads metadata) corrupted it, and creating one failed with an AssertionError.
    Path catalog = Fixtures.usersAndDepartments(dir);
    try (Connection c = Fixtures.connect(catalog)) {
      ExecutorService threads = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          done.add(threads.submit(() -> {
            for (int i = 0; i < 5_000; i++) {
              try (Statement s = c.createStatement()) {
                s.setFetchSize(i % 7);
              }
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        threads.shutdownNow();
      }
      assertThat(Fixtures.rows(c, "SELECT COUNT(*) FROM users")).containsExactly("5");
    }
  }

  @Test
  void theDriverIsFoundThroughServiceLoading() throws SQLException {
    Driver driver = DriverManager.getDriver("jdbc:xsql:");
    assertThat(driver).isInstanceOf(XsqlDriver.class);
    assertThat(driver.acceptsURL("jdbc:postgresql://x/y")).isFalse();
  }

  @Test
  void anEmptyCatalogStillAnswersSql() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:xsql:")) {
      assertThat(Fixtures.rows(c, "SELECT 1 + 1, UPPER('xsql')")).containsExactly("2|XSQL");
    }
  }

  @Test
  void theCatalogMayComeFromPropertiesOrTheDataSource() throws SQLException {
    Path catalog = Fixtures.usersAndDepartments(dir);
    Properties p = new Properties();
    p.setProperty("catalog", catalog.toString());
    try (Connection c = DriverManager.getConnection("jdbc:xsql:", p)) {
      assertThat(Fixtures.rows(c, "SELECT name FROM users WHERE id = 1")).containsExactly("Ann");
    }
    XsqlDataSource ds = new XsqlDataSource();
    ds.setCatalog(catalog.toString());
    try (Connection c = ds.getConnection()) {
      assertThat(Fixtures.rows(c, "SELECT COUNT(*) FROM departments")).containsExactly("3");
    }
    ds.setUrl("jdbc:xsql:catalog=" + catalog + ";lex=MYSQL");
    try (Connection c = ds.getConnection()) {
      assertThat(Fixtures.rows(c, "SELECT `name` FROM users WHERE id = 2")).containsExactly("Bob");
    }
  }

  @Test
  void commitAndRollbackAreAcceptedOnAReadOnlyConnection() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:xsql:")) {
      c.setAutoCommit(false);
      c.commit();
      c.rollback();
      assertThat(c.getAutoCommit()).isFalse();
    }
    Connection closed = DriverManager.getConnection("jdbc:xsql:");
    closed.close();
    assertThatThrownBy(closed::rollback).isInstanceOf(SQLException.class);
  }

  @Test
  void aMisspeltUrlSettingFails() {
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:xsql:catalgo=x.yaml"))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
        .hasMessageContaining("unknown connection setting 'catalgo'");
  }

  @Test
  void javaTimeValuesGoInAndComeOut() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:xsql:");
        java.sql.PreparedStatement ps = c.prepareStatement(
            "SELECT CAST(? AS DATE), CAST(? AS TIMESTAMP(3)), CAST(? AS TIME)")) {
      ps.setObject(1, java.time.LocalDate.of(2024, 2, 29));
      ps.setObject(2, java.time.LocalDateTime.of(2024, 2, 29, 23, 59, 58, 750_000_000));
      ps.setObject(3, java.time.LocalTime.of(7, 30));
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getObject(1, java.time.LocalDate.class)).isEqualTo(java.time.LocalDate.of(2024, 2, 29));
        assertThat(rs.getObject(2, java.time.LocalDateTime.class))
            .isEqualTo(java.time.LocalDateTime.of(2024, 2, 29, 23, 59, 58, 750_000_000));
        assertThat(rs.getObject(3, java.time.LocalTime.class)).isEqualTo(java.time.LocalTime.of(7, 30));
        assertThat(rs.getString(2)).isEqualTo("2024-02-29 23:59:58.750");
      }
    }
  }

  @Test
  void metadataSaysXsql() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:xsql:")) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(md.getDatabaseProductName()).isEqualTo("xsql");
      assertThat(md.getDriverName()).isEqualTo("xsql JDBC Driver");
      assertThat(md.getDriverVersion()).isEqualTo(XsqlVersion.VERSION).isNotBlank();
      assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
      assertThat(md.getURL()).isEqualTo("jdbc:xsql:");
    }
  }

  @Test
  void metadataListsTablesAndColumnsOfFilesAndRegisteredObjects() throws SQLException {
    try (Connection c = Fixtures.connect(Fixtures.usersAndDepartments(dir))) {
      c.unwrap(XsqlConnection.class).register("prices", List.of(java.util.Map.of("sku", "a", "eur", 1.5)));
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, null, "%", null)) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME") + ":" + rs.getString("TABLE_TYPE"));
        }
      }
      assertThat(tables).contains("main.users:TABLE", "main.departments:TABLE", "main.prices:TABLE");
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getColumns(null, "main", "users", null)) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME"));
        }
      }
      assertThat(columns).containsExactly("id:INTEGER", "name:VARCHAR", "dept_id:INTEGER", "salary:DOUBLE");
      assertThat(c.getSchema()).isEqualTo("main");
    }
  }
}
