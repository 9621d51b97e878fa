package io.xsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-user limits, and what happens to the results of a client that goes away. */
final class ServeLimitsTest {
  private static final String APP = "xsql_serve_limits";
  @TempDir
  static Path dir;
  private static ServeServer server;
  private static Path catalog;

  @BeforeAll
  static void start() throws Exception {
    ServeFixture.createDatabase();
    catalog = ServeFixture.catalog(dir, APP);
    // The timeout leaves room for a cold JVM's first compilations; the slow view sleeps far longer.
    ServerUser limited = ServeFixture.user(ServerConfig.ANONYMOUS, Optional.empty(),
        new ServerLimits(2, Duration.ofSeconds(4), 10));
    server = ServeServer.start(ServeFixture.config(catalog, Duration.ofMinutes(1), limited, Map.of()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void resultsStopAtTheUsersMaximumRows() throws Exception {
    try (Connection c = ServeFixture.avatica(server.port(), "")) {
      assertThat(ServeFixture.rows(c, "SELECT n FROM pg.nums ORDER BY n")).hasSize(10);
      try (Statement s = c.createStatement()) {
        // A client's own, smaller maximum still applies.
        s.setMaxRows(3);
        try (ResultSet rs = s.executeQuery("SELECT n FROM pg.nums ORDER BY n")) {
          assertThat(ServeFixture.rows(rs)).containsExactly("1", "2", "3");
        }
      }
    }
  }

  @Test
  void preparedStatementsStopAtTheUsersMaximumRowsToo() throws Exception {
    try (Connection c = ServeFixture.xsqlRemote(server.port(), new Properties());
        PreparedStatement ps = c.prepareStatement("SELECT n FROM pg.nums WHERE n > ?")) {
      ps.setInt(1, 100);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(ServeFixture.rows(rs)).hasSize(10);
      }
    }
  }

  @Test
  void aUserHasAtMostTheirNumberOfStatementsOpen() throws Exception {
    try (Connection c = ServeFixture.avatica(server.port(), "")) {
      Statement first = c.createStatement();
      Statement second = c.createStatement();
      // Avatica's client reports a failed createStatement unchecked, prepareStatement as an SQLException.
      assertThatThrownBy(c::createStatement).isInstanceOfSatisfying(AvaticaClientRuntimeException.class,
          e -> assertThat(e.getSqlState()).isEqualTo("53400"))
          .hasMessageContaining("2 statements open");
      assertThatThrownBy(() -> c.prepareStatement("SELECT 1")).isInstanceOfSatisfying(SQLException.class,
          e -> assertThat(e.getSQLState()).isEqualTo("53400"));
      first.close();
      try (Statement third = c.createStatement();
          ResultSet rs = third.executeQuery("SELECT COUNT(*) FROM people")) {
        assertThat(ServeFixture.rows(rs)).containsExactly("3");
      }
      second.close();
    }
  }

  @Test
  void queriesStopAtTheUsersTimeout() throws Exception {
    try (Connection c = ServeFixture.avatica(server.port(), "")) {
      assertThatThrownBy(() -> ServeFixture.rows(c, "SELECT s FROM pg.slow"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("HYT00"));
      // The connection goes on serving.
      assertThat(ServeFixture.rows(c, "SELECT COUNT(*) FROM people")).containsExactly("3");
    }
  }

  @Test
  void aClientThatGoesAwayMidResultHasItsStatementAndDatabaseConnectionReleased() throws Exception {
    try (ServeServer idle = ServeServer.start(ServeFixture.config(catalog, Duration.ofSeconds(2),
        ServerConfig.of(catalog).defaults(), Map.of()))) {
      goAwayMidResult(idle);
    }
  }

  private static void goAwayMidResult(ServeServer server) throws Exception {
    Connection c = ServeFixture.avatica(server.port(), "");
    Statement s = c.createStatement();
    s.setFetchSize(2);
    ResultSet rs = s.executeQuery("SELECT n FROM pg.nums");
    assertThat(rs.next()).isTrue();
    // The database cursor is open: its backend holds a transaction.
    assertThat(ServeFixture.busyBackends(APP)).isPositive();
    assertThat(server.meta().connectionCount()).isPositive();
    // The client vanishes without closing anything; the server expires what it left after 2 s idle.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while ((server.meta().connectionCount() > 0 || ServeFixture.busyBackends(APP) > 0)
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(server.meta().connectionCount()).isZero();
    assertThat(server.meta().statementCount()).isZero();
    assertThat(ServeFixture.busyBackends(APP)).isZero();
    // What the client still holds of the first frame reads; then the server knows the statement no more.
    assertThatThrownBy(() -> {
      while (rs.next()) {
        rs.getInt(1);
      }
    }).isInstanceOf(Exception.class);
  }
}
