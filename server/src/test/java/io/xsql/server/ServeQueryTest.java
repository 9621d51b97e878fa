package io.xsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remote clients query a served catalog and read its metadata; what could reach the host is refused. */
final class ServeQueryTest {
  @TempDir
  static Path dir;
  private static ServeServer server;
  private static Path catalog;

  @BeforeAll
  static void start() throws Exception {
    ServeFixture.createDatabase();
    catalog = ServeFixture.catalog(dir, "xsql_serve_query");
    server = ServeFixture.serve(catalog);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aHostKeepsTheServerToThatAddress() throws Exception {
    Optional<InetAddress> external = NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
    Assumptions.assumeTrue(external.isPresent(), "the machine has an address besides loopback");
    ServerConfig everywhere = ServeFixture.config(catalog, Duration.ofMinutes(1),
        ServerConfig.of(catalog).defaults(), Map.of());
    ServerConfig loopback = new ServerConfig(catalog, Optional.of("127.0.0.1"), 0, everywhere.serialization(),
        everywhere.auth(), everywhere.usersFile(), everywhere.tls(), everywhere.idleTimeout(),
        everywhere.defaults(), everywhere.users());
    try (ServeServer all = ServeServer.start(everywhere); ServeServer local = ServeServer.start(loopback)) {
      assertThat(reachable(external.get(), all.port())).isTrue();
      assertThat(reachable(external.get(), local.port())).isFalse();
      assertThat(reachable(InetAddress.getLoopbackAddress(), local.port())).isTrue();
      try (Connection c = ServeFixture.avatica(local.port(), "")) {
        assertThat(ServeFixture.rows(c, "SELECT COUNT(*) FROM people")).isNotEmpty();
      }
    }
  }

  private static boolean reachable(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void anErrorReachesAStockClientWithItsSqlStateButNotTheServersStackTrace() throws Exception {
    try (Connection c = ServeFixture.avatica(server.port(), ""); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("SELECT * FROM nosuch")).isInstanceOfSatisfying(
          org.apache.calcite.avatica.AvaticaSqlException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("42S02");
            assertThat(e.getMessage()).contains("nosuch").containsPattern("\\(error [0-9a-f]+\\)");
            assertThat(e.getStackTraces()).isNotEmpty()
                .allSatisfy(trace -> assertThat(trace).doesNotContain("\tat ").doesNotContain("Caused by"));
          });
      // The connection goes on.
      assertThat(ServeFixture.rows(c, "SELECT COUNT(*) FROM people")).isNotEmpty();
    }
  }

  @Test
  void avaticasOwnClientQueriesFilesAndTheDatabase() throws Exception {
    try (Connection c = ServeFixture.avatica(server.port(), "")) {
      assertThat(ServeFixture.rows(c, "SELECT name, age FROM people WHERE age > 30 ORDER BY id"))
          .containsExactly("Ann|31", "Bob|45");
      assertThat(ServeFixture.rows(c, "SELECT COUNT(*), SUM(n) FROM pg.nums"))
          .containsExactly(ServeFixture.NUMS + "|" + (long) ServeFixture.NUMS * (ServeFixture.NUMS + 1) / 2);
      // A join across the two, read in several frames (more rows than one frame holds).
      assertThat(ServeFixture.rows(c, "SELECT p.name, n.n FROM people p JOIN pg.nums n ON n.n <= p.id * 500"))
          .hasSize(500 + 1000 + 1500);
    }
  }

  @Test
  void theXsqlDriversRemoteUrlQueriesWithParameters() throws Exception {
    try (Connection c = ServeFixture.xsqlRemote(server.port(), new Properties());
        PreparedStatement ps = c.prepareStatement("SELECT name FROM people WHERE id = ?")) {
      ps.setInt(1, 2);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(ServeFixture.rows(rs)).containsExactly("Bob");
      }
      ps.setInt(1, 3);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(ServeFixture.rows(rs)).containsExactly("Cy");
      }
    }
  }

  @Test
  void metadataListsSchemasTablesAndTypedColumns() throws Exception {
    try (Connection c = ServeFixture.avatica(server.port(), "")) {
      DatabaseMetaData md = c.getMetaData();
      List<String> schemas = new ArrayList<>();
      try (ResultSet rs = md.getSchemas()) {
        while (rs.next()) {
          schemas.add(rs.getString("TABLE_SCHEM"));
        }
      }
      assertThat(schemas).contains("main", "pg");
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = md.getTables(null, null, "%", null)) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
        }
      }
      assertThat(tables).contains("main.people").anyMatch(t -> t.startsWith("pg") && t.endsWith(".nums"));
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = md.getColumns(null, "main", "people", "%")) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("DATA_TYPE"));
        }
      }
      assertThat(columns).contains("id:" + Types.INTEGER, "name:" + Types.VARCHAR, "age:" + Types.INTEGER);
    }
  }

  @Test
  void propertiesThatCouldReachTheHostAreRefused() throws Exception {
    for (String property : List.of("catalog", "model", "schemaFactory", "sources")) {
      Properties info = new Properties();
      info.setProperty(property, "/etc/passwd");
      assertThatThrownBy(() -> ServeFixture.xsqlRemote(server.port(), info).close())
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"))
          .hasMessageContaining("does not take the connection properties [" + property + "]");
    }
    Properties harmless = new Properties();
    harmless.setProperty("lex", "JAVA");
    harmless.setProperty("user", "whoever");
    try (Connection c = ServeFixture.xsqlRemote(server.port(), harmless)) {
      assertThat(ServeFixture.rows(c, "SELECT COUNT(*) FROM people")).containsExactly("3");
    }
  }

  @Test
  void statementsOtherThanQueriesAreRefused() throws Exception {
    try (Connection c = ServeFixture.avatica(server.port(), "")) {
      for (String sql : List.of("INSERT INTO people (id) VALUES (4)", "DELETE FROM pg.nums",
          "CREATE TABLE t (x INT)")) {
        assertThatThrownBy(() -> ServeFixture.rows(c, sql)).isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("42501", "42000"));
      }
      assertThatThrownBy(() -> c.prepareStatement("UPDATE people SET age = 1"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"))
          .hasStackTraceContaining("queries and EXPLAIN only");
      assertThat(ServeFixture.rows(c, "EXPLAIN PLAN FOR SELECT * FROM people")).isNotEmpty();
      // Re-creating a result (as clients do after a server restart) sends SQL too; it is checked the same.
      try (Statement s = c.createStatement()) {
        ProtobufTranslationImpl protobuf = new ProtobufTranslationImpl();
        Service.Request sync = new Service.SyncResultsRequest(((AvaticaConnection) c).id,
            ((AvaticaStatement) s).getId(), new QueryState("DELETE FROM pg.nums"), 0);
        Service.Response response = protobuf.parseResponse(
            ServeAuthTest.post(server.port(), null, null, protobuf.serializeRequest(sync)).body());
        assertThat(response).isInstanceOfSatisfying(Service.ErrorResponse.class,
            e -> assertThat(e.sqlState).isEqualTo("42501"));
      }
      assertThat(ServeFixture.rows(c, "SELECT COUNT(*) FROM pg.nums")).containsExactly("" + ServeFixture.NUMS);
      assertThat(ServeFixture.rows(c, "WITH t AS (SELECT id FROM people) SELECT COUNT(*) FROM t"))
          .containsExactly("3");
    }
  }
}
