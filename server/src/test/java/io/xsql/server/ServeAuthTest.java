package io.xsql.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Basic and Digest authentication, TLS, per-user sources, and connections that belong to their user. */
final class ServeAuthTest {
  private static final String ALICE_PASSWORD = "wonder-land-7";
  private static final String BOB_PASSWORD = "builder-9";
  @TempDir
  static Path dir;
  private static Path catalog;
  private static ServeServer basic;

  @BeforeAll
  static void start() throws Exception {
    ServeFixture.createDatabase();
    catalog = ServeFixture.catalog(dir, "xsql_serve_auth");
    basic = ServeServer.start(config(ServerAuth.BASIC, Optional.empty()));
  }

  @AfterAll
  static void stop() {
    basic.close();
  }

  /** Alice may read the file source only; Bob gets the defaults (every source). */
  private static ServerConfig config(ServerAuth auth, Optional<ServerTls> tls) throws Exception {
    Path users = dir.resolve("users-" + auth + ".properties");
    Files.writeString(users, "# made with xsql serve --hash-password\n"
        + ServerUsers.entry("alice", ALICE_PASSWORD, auth) + "\n"
        + ServerUsers.entry("bob", BOB_PASSWORD, auth) + "\n", UTF_8);
    ServerUser defaults = ServerConfig.of(catalog).defaults();
    ServerUser alice = ServeFixture.user("alice", Optional.of(Set.of("people")), ServerLimits.DEFAULT);
    return new ServerConfig(catalog, Optional.empty(), 0, Serialization.PROTOBUF, auth, Optional.of(users), tls,
        Duration.ofMinutes(1), defaults, Map.of("alice", alice));
  }

  private static String login(String auth, String user, String password) {
    return ";authentication=" + auth + ";avatica_user=" + user + ";avatica_password=" + password;
  }

  @Test
  void basicAuthenticationLetsInTheRightPasswordOnlyAndLogsFailuresWithoutIt() throws Exception {
    assertThatThrownBy(() -> ServeFixture.avatica(basic.port(), "").close()).hasStackTraceContaining("401");
    assertThatThrownBy(() -> ServeFixture.xsqlRemote(basic.port(), new Properties()).close())
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28000"));
    String log = stderrOf(() -> assertThatThrownBy(() ->
        ServeFixture.avatica(basic.port(), login("BASIC", "alice", "not-" + ALICE_PASSWORD)).close())
        .hasStackTraceContaining("401"));
    assertThat(log).contains("Failed login of user 'alice' from 127.0.0.1").doesNotContain(ALICE_PASSWORD);
    try (Connection c = ServeFixture.avatica(basic.port(), login("BASIC", "bob", BOB_PASSWORD))) {
      assertThat(ServeFixture.rows(c, "SELECT COUNT(*) FROM pg.nums")).containsExactly("" + ServeFixture.NUMS);
    }
  }

  @Test
  void aUserSeesAndQueriesOnlyTheirSources() throws Exception {
    try (Connection c = ServeFixture.avatica(basic.port(), login("BASIC", "alice", ALICE_PASSWORD))) {
      assertThat(ServeFixture.rows(c, "SELECT COUNT(*) FROM people")).containsExactly("3");
      assertThatThrownBy(() -> ServeFixture.rows(c, "SELECT COUNT(*) FROM pg.nums"))
          .isInstanceOf(SQLException.class).hasMessageContaining("pg");
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, null, "%", null)) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
        }
      }
      assertThat(tables).contains("main.people").noneMatch(t -> t.startsWith("pg"));
    }
  }

  @Test
  void anotherUsersConnectionAndStatementIdsAreUnknown() throws Exception {
    try (Connection c = ServeFixture.avatica(basic.port(), login("BASIC", "alice", ALICE_PASSWORD));
        Statement s = c.createStatement()) {
      String connectionId = ((AvaticaConnection) c).id;
      int statementId = ((AvaticaStatement) s).getId();
      ProtobufTranslationImpl protobuf = new ProtobufTranslationImpl();
      for (Service.Request request : List.<Service.Request>of(
          new Service.PrepareAndExecuteRequest(connectionId, statementId, "SELECT * FROM people", 100),
          new Service.FetchRequest(connectionId, statementId, 0, 100),
          new Service.CreateStatementRequest(connectionId),
          new Service.TablesRequest(connectionId, null, null, null, null),
          new Service.CloseStatementRequest(connectionId, statementId),
          new Service.CloseConnectionRequest(connectionId))) {
        HttpResponse<byte[]> response = post(basic.port(), "bob", BOB_PASSWORD, protobuf.serializeRequest(request));
        Service.Response parsed = protobuf.parseResponse(response.body());
        assertThat(refused(parsed) || request instanceof Service.CloseStatementRequest
            || request instanceof Service.CloseConnectionRequest).as(request.toString()).isTrue();
      }
      // Bob's attempts to close them did nothing: Alice's statement still runs.
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM people")) {
        assertThat(ServeFixture.rows(rs)).containsExactly("3");
      }
    }
  }

  @Test
  void digestAuthenticationWorks() throws Exception {
    try (ServeServer digest = ServeServer.start(config(ServerAuth.DIGEST, Optional.empty()))) {
      assertThatThrownBy(() -> ServeFixture.avatica(digest.port(), login("DIGEST", "bob", "wrong")).close())
          .hasStackTraceContaining("401");
      try (Connection c = ServeFixture.avatica(digest.port(), login("DIGEST", "bob", BOB_PASSWORD))) {
        assertThat(ServeFixture.rows(c, "SELECT name FROM people WHERE id = 1")).containsExactly("Ann");
      }
      try (Connection c = DriverManager.getConnection("jdbc:xsql:remote:url=http://127.0.0.1:" + digest.port()
          + login("DIGEST", "bob", BOB_PASSWORD))) {
        cancelsASlowQuery(c);
      }
    }
  }

  @Test
  void tlsWithAKeystore() throws Exception {
    Path keystore = dir.resolve("server.p12");
    Path truststore = dir.resolve("trust.p12");
    Path cert = dir.resolve("server.crt");
    String password = "store-pass-1";
    keytool("-genkeypair", "-alias", "xsql", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", password, "-keypass", password);
    keytool("-exportcert", "-alias", "xsql", "-keystore", keystore.toString(), "-storepass", password,
        "-file", cert.toString());
    keytool("-importcert", "-noprompt", "-alias", "xsql", "-file", cert.toString(), "-storetype", "PKCS12",
        "-keystore", truststore.toString(), "-storepass", password);
    ServerTls tls = new ServerTls(keystore, password, "PKCS12");
    assertThat(tls.toString()).doesNotContain(password);
    try (ServeServer server = ServeServer.start(config(ServerAuth.BASIC, Optional.of(tls)));
        Connection c = DriverManager.getConnection("jdbc:xsql:remote:url=https://localhost:"
            + server.port() + ";truststore=" + truststore + ";truststore_password=" + password
            + login("BASIC", "bob", BOB_PASSWORD))) {
      assertThat(ServeFixture.rows(c, "SELECT COUNT(*) FROM people")).containsExactly("3");
      cancelsASlowQuery(c);
    }
  }

  /** A cancel reaches the server with the connection's login (and over its TLS). */
  private static void cancelsASlowQuery(Connection c) throws Exception {
    try (Statement s = c.createStatement()) {
      assertThat(ServeFixture.failsWhenCanceled(s, () -> s.executeQuery("SELECT s FROM pg.slow")))
          .isLessThan(Duration.ofSeconds(1));
    }
  }

  /** Whether a response refused its request: an error, or Avatica's "no such statement" answer. */
  static boolean refused(Service.Response r) {
    return r instanceof Service.ErrorResponse
        || r instanceof Service.ExecuteResponse e && e.missingStatement
        || r instanceof Service.FetchResponse f && f.missingStatement;
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), UTF_8);
    assertThat(p.waitFor()).as(output).isZero();
  }

  static HttpResponse<byte[]> post(int port, String user, String password, byte[] body) throws Exception {
    return post(port, "/", user, password, body);
  }

  /** Posts {@code body} to {@code path} of the server, with Basic credentials unless {@code user} is null. */
  static HttpResponse<byte[]> post(int port, String path, String user, String password, byte[] body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (user != null) {
      request.header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(UTF_8)));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** What {@code action} wrote to standard error (where slf4j-simple logs). */
  private static String stderrOf(Runnable action) {
    PrintStream saved = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(saved);
    }
    return captured.toString(UTF_8);
  }
}
