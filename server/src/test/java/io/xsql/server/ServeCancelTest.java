package io.xsql.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.driver.RemoteCancelRequest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Statement.cancel()} on a {@code jdbc:xsql:remote:} client stops the query on the server: the
 * execution fails with 57014 soon after, the server hands back what the query held, and the statement runs
 * the next query. Only the statement's owner can cancel it.
 */
@Timeout(60)
final class ServeCancelTest {
  private static final String APP = "xsql_serve_cancel";
  /** A view of the test database's shared schema that this class creates and drops. */
  private static final String NAP_VIEW = "xsql_serve.cancel_test_nap";
  /** How soon after the cancel call the execution must have failed. */
  private static final Duration PROMPTLY = Duration.ofSeconds(1);
  /** Runs for minutes: 4e8 pairs, none of which matches. */
  private static final String CROSS_JOIN = "SELECT COUNT(*) FROM a, b WHERE a.v + b.v = -1";
  /** Queries whose time goes into operators, each running for minutes: a cross join, a hash join whose
   * every key repeats 20,000 times on a 1,000,000-row file, a subquery compared row by row. */
  private static final List<String> OPERATORS = List.of(CROSS_JOIN,
      "SELECT COUNT(*) FROM big b1 JOIN big b2 ON b1.v = b2.v",
      "SELECT COUNT(*) FROM a WHERE a.v < (SELECT COUNT(*) FROM big WHERE big.v * 2 > a.id + big.id)");
  private static final Map<String, String> PASSWORDS =
      Map.of("alice", "alice-pass-1", "bob", "bob-pass-2", "carol", "carol-pass-3");
  @TempDir
  static Path dir;
  private static ServeServer server;

  @BeforeAll
  static void start() throws Exception {
    ServeFixture.createDatabase();
    try (Connection c = DriverManager.getConnection(ServeFixture.PG_URL, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE OR REPLACE VIEW " + NAP_VIEW + " AS SELECT pg_sleep(1.5)::text AS s");
    }
    Path catalog = ServeFixture.catalog(dir, APP);
    Random random = new Random(20260211);
    write("a.csv", 20_000, 1000, random);
    write("b.csv", 20_000, 1000, random);
    write("big.csv", 1_000_000, 50, random);
    Files.writeString(catalog, "  a: { type: csv, path: a.csv }\n  b: { type: csv, path: b.csv }\n"
        + "  big: { type: csv, path: big.csv }\n", UTF_8, StandardOpenOption.APPEND);
    Path users = dir.resolve("users.properties");
    StringBuilder entries = new StringBuilder();
    PASSWORDS.forEach((user, password) ->
        entries.append(ServerUsers.entry(user, password, ServerAuth.BASIC)).append('\n'));
    Files.writeString(users, entries, UTF_8);
    ServerUser defaults = ServerConfig.of(catalog).defaults();
    // Carol's queries stop after a second.
    ServerUser carol = ServeFixture.user("carol", Optional.empty(), new ServerLimits(8, Duration.ofSeconds(1), 0));
    server = ServeServer.start(new ServerConfig(catalog, Optional.empty(), 0, Serialization.PROTOBUF,
        ServerAuth.BASIC, Optional.of(users), Optional.empty(), Duration.ofMinutes(1), defaults,
        Map.of("carol", carol)));
  }

  private static void write(String name, int rows, int values, Random random) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(name))) {
      w.write("id,v\n");
      for (int i = 0; i < rows; i++) {
        w.write(i + "," + random.nextInt(values) + "\n");
      }
    }
  }

  @AfterAll
  static void stop() throws SQLException {
    server.close();
    try (Connection c = DriverManager.getConnection(ServeFixture.PG_URL, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP VIEW IF EXISTS " + NAP_VIEW);
    }
  }

  private static Connection connect(String user) throws SQLException {
    Properties info = new Properties();
    info.setProperty("authentication", "BASIC");
    info.setProperty("avatica_user", user);
    info.setProperty("avatica_password", PASSWORDS.get(user));
    return ServeFixture.xsqlRemote(server.port(), info);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void cancelStopsAQueryRunningOnTheServer(int query) throws Exception {
    try (Connection c = connect("alice"); Statement s = c.createStatement()) {
      Duration after = ServeFixture.failsWhenCanceled(s, () -> s.executeQuery(OPERATORS.get(query)));
      assertThat(after).isLessThan(PROMPTLY);
      // The statement, and its connection, go on serving.
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM a")) {
        assertThat(ServeFixture.rows(rs)).containsExactly("20000");
      }
      assertThat(ServeFixture.rows(c, "SELECT COUNT(*) FROM people")).containsExactly("3");
    }
  }

  @Test
  void cancelStopsADatabaseQueryAndHandsBackItsConnection() throws Exception {
    try (Connection c = connect("alice"); PreparedStatement ps = c.prepareStatement("SELECT s FROM pg.slow")) {
      Duration after = ServeFixture.failsWhenCanceled(ps, ps::executeQuery);
      assertThat(after).isLessThan(PROMPTLY);
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (ServeFixture.busyBackends(APP) > 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(ServeFixture.busyBackends(APP)).isZero();
      assertThat(ServeFixture.rows(c, "SELECT COUNT(*) FROM pg.nums")).containsExactly("" + ServeFixture.NUMS);
    }
  }

  @Test
  void cancelStopsAResultBeingRead() throws Exception {
    // The numbers come at once, frame after frame; then the database sleeps.
    try (Connection c = connect("alice");
        PreparedStatement ps = c.prepareStatement(
            "SELECT CAST(n AS VARCHAR(20)) AS s FROM pg.nums UNION ALL SELECT s FROM pg.slow");
        ResultSet rs = ps.executeQuery()) {
      Duration after = ServeFixture.failsWhenCanceled(ps, () -> {
        while (rs.next()) {
          rs.getString(1);
        }
      });
      assertThat(after).isLessThan(PROMPTLY);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void theUsersTimeLimitStopsTheQuery(int query) throws Exception {
    try (Connection c = connect("carol"); Statement s = c.createStatement()) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> s.executeQuery(OPERATORS.get(query)))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("HYT00"));
      // Measured from the call, so the bound leaves room for a cold JVM's first query (about 1.8 s here,
      // 1.0 s warm), as the driver's timeout tests do.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM b")) {
        assertThat(ServeFixture.rows(rs)).containsExactly("20000");
      }
    }
  }

  @Test
  void onlyTheOwnerCanCancelAStatement() throws Exception {
    try (Connection c = connect("alice"); Statement s = c.createStatement()) {
      byte[] cancel = new RemoteCancelRequest(((AvaticaConnection) c).id, ((AvaticaStatement) s).getId()).encode();
      CompletableFuture<List<String>> nap = CompletableFuture.supplyAsync(() -> {
        try (ResultSet rs = s.executeQuery("SELECT s FROM pg.cancel_test_nap")) {
          return ServeFixture.rows(rs);
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      // Cancel requests go in while the query runs in PostgreSQL.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (ServeFixture.busyBackends(APP) == 0) {
        assertThat(System.nanoTime()).as("the query started").isLessThan(deadline);
        Thread.sleep(20);
      }
      assertThat(post("bob", cancel).statusCode()).isEqualTo(404);
      assertThat(post(null, cancel).statusCode()).isEqualTo(401);
      assertThat(post("alice", "statement=1".getBytes(UTF_8)).statusCode()).isEqualTo(400);
      // Bob's attempt did nothing: Alice's query runs to its end.
      assertThat(nap.get(10, TimeUnit.SECONDS)).containsExactly("");
    }
  }

  private static HttpResponse<byte[]> post(String user, byte[] body) throws Exception {
    return ServeAuthTest.post(server.port(), RemoteCancelRequest.PATH, user,
        user == null ? null : PASSWORDS.get(user), body);
  }
}
