package io.xsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.tck.Rows;
import io.xsql.tck.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Databases that are down, refuse the credentials, lose a connection mid-query, or run past a timeout:
 * each gives its SQLState naming the source, never a password, and leaves the pool and the other sources
 * usable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseFaultsTest {
  private static final String DB = "xsql_faults_pg";
  @TempDir
  static Path dir;

  @AfterAll
  void dropDatabases() throws SQLException {
    TestDatabase.POSTGRES.drop(DB);
  }

  @BeforeAll
  void load() throws SQLException {
    TestDatabase.POSTGRES.create(DB);
    DatabaseSources.execute(TestDatabase.POSTGRES, DB, "CREATE TABLE t (x int)",
        "INSERT INTO t VALUES (1), (2)",
        "CREATE VIEW slow AS SELECT pg_sleep(30)::text AS s",
        "CREATE VIEW slowish AS SELECT pg_sleep(3)::text AS s");
  }

  private static String pg(String extra) {
    return TestDatabase.POSTGRES.catalogEntry(DB, extra);
  }

  @Test
  void aDatabaseThatIsDownFailsOnlyItsOwnQueriesWith08001() throws Exception {
    String down = "{ type: postgres, url: \"jdbc:postgresql://127.0.0.1:5499/crm?password=hunter2\", "
        + "user: app, password: hunter2, pool: { connection_timeout: 500ms } }";
    try (Connection c = DatabaseSources.connect(dir, "  down: " + down + "\n  pg: " + pg("") + "\n")) {
      for (int i = 0; i < 2; i++) {
        // Twice: the failure is never remembered as "no such table".
        assertThatThrownBy(() -> Rows.of(c, "SELECT * FROM down.orders"))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
            .hasMessageContaining("source 'down'").hasMessageContaining("jdbc:postgresql://127.0.0.1:5499/crm")
            .hasMessageNotContaining("hunter2");
      }
      assertThat(Rows.of(c, "SELECT COUNT(*) FROM pg.t")).containsExactly("2");
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, null, "%", null)) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
        }
      }
      assertThat(tables).contains("pg.t").noneMatch(t -> t.startsWith("down."));
      SQLWarning warning = c.getWarnings();
      assertThat((Object) warning).isNotNull();
      assertThat(warning.getMessage()).contains("source 'down'").contains("cannot connect")
          .doesNotContain("hunter2");
    }
  }

  @Test
  void wrongCredentialsGive28000() throws Exception {
    String wrong = TestDatabase.MARIADB.catalogEntry("test", "password: wrong, pool: { connection_timeout: 500ms }")
        .replace("user: root", "user: xsql_nobody");
    try (Connection c = DatabaseSources.connect(dir, "  shop: " + wrong + "\n")) {
      assertThatThrownBy(() -> Rows.of(c, "SELECT * FROM shop.t"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28000"))
          .hasMessageContaining("source 'shop'").hasMessageNotContaining("wrong");
    }
  }

  @Test
  void aConnectionKilledMidQueryGives08006AndThePoolRecovers() throws Exception {
    try (Connection c = DatabaseSources.connect(dir, "  pg: " + pg("pool: { max_size: 1 }") + "\n")) {
      CompletableFuture<Void> killer = CompletableFuture.runAsync(() -> {
        try {
          awaitSlowQuery();
          DatabaseSources.execute(TestDatabase.POSTGRES, DB, "SELECT pg_terminate_backend(pid) "
              + "FROM pg_stat_activity WHERE application_name = 'xsql' AND query LIKE '%slow%'");
        } catch (SQLException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      assertThatThrownBy(() -> Rows.of(c, "SELECT s FROM pg.slow"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08006"))
          .hasMessageContaining("source 'pg'");
      killer.get(10, TimeUnit.SECONDS);
      assertThat(Rows.of(c, "SELECT COUNT(*) FROM pg.t")).containsExactly("2");
    }
  }

  @Test
  void aTimeoutCancelsTheStatementInTheDatabaseAndFreesTheConnection() throws Exception {
    try (Connection c = DatabaseSources.connect(dir, "  pg: " + pg("pool: { max_size: 1, "
        + "connection_timeout: 1s }") + "\n"); Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      assertThatThrownBy(() -> Rows.of(s.executeQuery("SELECT s FROM pg.slow")))
          .isInstanceOf(SQLTimeoutException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("HYT00"));
      // One connection in the pool: this fails if the canceled query still held it.
      assertThat(Rows.of(c, "SELECT COUNT(*) FROM pg.t")).containsExactly("2");
      assertThat(activeSleeps()).isZero();
    }
  }

  @Test
  void cancelStopsTheStatementInTheDatabase() throws Exception {
    try (Connection c = DatabaseSources.connect(dir, "  pg: " + pg("") + "\n"); Statement s = c.createStatement()) {
      CompletableFuture<Void> cancel = CompletableFuture.runAsync(() -> {
        try {
          awaitSlowQuery();
          s.cancel();
        } catch (SQLException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      assertThatThrownBy(() -> Rows.of(s.executeQuery("SELECT s FROM pg.slow")))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
      cancel.get(10, TimeUnit.SECONDS);
      assertThat(activeSleeps()).isZero();
    }
  }

  @Test
  void connectionsOfOneCatalogShareOnePool() throws Exception {
    int before = xsqlBackends();
    Path catalog = dir.resolve("shared.yaml");
    java.nio.file.Files.writeString(catalog, "sources:\n  pg: " + pg("") + "\n");
    for (int i = 0; i < 5; i++) {
      try (Connection c = java.sql.DriverManager.getConnection("jdbc:xsql:catalog=" + catalog)) {
        assertThat(Rows.of(c, "SELECT COUNT(*) FROM pg.t")).containsExactly("2");
      }
    }
    // Sequential queries reuse the pool's one connection instead of opening five.
    assertThat(xsqlBackends()).isBetween(before, before + 1);
  }

  private static int xsqlBackends() throws SQLException {
    try (Connection admin = TestDatabase.POSTGRES.connect(DB)) {
      return Integer.parseInt(Rows.of(admin, "SELECT COUNT(*) FROM pg_stat_activity "
          + "WHERE application_name = 'xsql' AND datname = '" + DB + "'").get(0));
    }
  }

  /** Waits, at most 10 s, until xsql's statement on view {@code slow} runs in the database. */
  private static void awaitSlowQuery() throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (activeSleeps() == 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the query on view slow did not start within 10 s");
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  private static int activeSleeps() throws SQLException {
    try (Connection admin = TestDatabase.POSTGRES.connect(DB)) {
      return Integer.parseInt(Rows.of(admin, "SELECT COUNT(*) FROM pg_stat_activity WHERE state = 'active' "
          + "AND query LIKE '%slow%' AND application_name = 'xsql'").get(0));
    }
  }
}
