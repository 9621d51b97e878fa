package io.xsql.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.function.Executable;

/**
 * A catalog for server tests: {@code people} (JSON Lines, 3 rows) and {@code pg} (the test PostgreSQL
 * database's schema {@code xsql_serve}: {@code nums} with 5,000 rows, {@code slow}, a view that sleeps).
 */
final class ServeFixture {
  static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final int NUMS = 5000;

  private ServeFixture() {}

  /** Creates the database objects (once per run; other test runs may share the database). */
  static void createDatabase() throws SQLException {
    try (Connection c = DriverManager.getConnection(PG_URL, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS xsql_serve");
      s.execute("CREATE TABLE IF NOT EXISTS xsql_serve.nums AS SELECT n FROM generate_series(1, " + NUMS
          + ") AS n");
      s.execute("CREATE OR REPLACE VIEW xsql_serve.slow AS SELECT pg_sleep(10)::text AS s");
    }
  }

  /** Writes the data and a catalog whose database connections carry {@code applicationName}; returns the catalog. */
  static Path catalog(Path dir, String applicationName) throws IOException {
    Files.writeString(dir.resolve("people.jsonl"), """
        {"id": 1, "name": "Ann", "age": 31}
        {"id": 2, "name": "Bob", "age": 45}
        {"id": 3, "name": "Cy", "age": 27}
        """, UTF_8);
    Path catalog = dir.resolve("catalog.yaml");
    Files.writeString(catalog, "sources:\n"
        + "  people: { type: jsonl, path: people.jsonl }\n"
        + "  pg: { type: postgres, url: \"" + PG_URL + "?ApplicationName=" + applicationName + "\", user: postgres,"
        + " schemas: [xsql_serve], schema: xsql_serve, fetch_size: 50 }\n", UTF_8);
    return catalog;
  }

  /** A configuration without authentication. */
  static ServerConfig config(Path catalog, Duration idle, ServerUser defaults, Map<String, ServerUser> users) {
    return new ServerConfig(catalog, Optional.empty(), 0, Serialization.PROTOBUF, ServerAuth.NONE, Optional.empty(),
        Optional.empty(), idle, defaults, users);
  }

  /** A server of a catalog without authentication, with default limits, idle connections kept a minute. */
  static ServeServer serve(Path catalog) throws SQLException, IOException {
    return ServeServer.start(config(catalog, Duration.ofMinutes(1), ServerConfig.of(catalog).defaults(),
        Map.of()));
  }

  /** A user's settings. */
  static ServerUser user(String name, Optional<Set<String>> sources, ServerLimits limits) {
    return new ServerUser(name, sources, limits, false);
  }

  /** Connects with Avatica's own remote driver. */
  static Connection avatica(int port, String extra) throws SQLException {
    return DriverManager.getConnection("jdbc:avatica:remote:url=http://127.0.0.1:" + port
        + ";serialization=protobuf" + extra);
  }

  /** Connects through the xsql driver's remote URL. */
  static Connection xsqlRemote(int port, Properties info) throws SQLException {
    return DriverManager.getConnection("jdbc:xsql:remote:url=http://127.0.0.1:" + port, info);
  }

  /** The rows of a query, columns joined with '|'. */
  static List<String> rows(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rows(rs);
    }
  }

  static List<String> rows(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      StringBuilder b = new StringBuilder();
      for (int i = 1; i <= n; i++) {
        b.append(i > 1 ? "|" : "").append(rs.getString(i));
      }
      out.add(b.toString());
    }
    return out;
  }

  /** Backends of {@code applicationName} holding a transaction or running a statement, as PostgreSQL sees them. */
  static int busyBackends(String applicationName) throws SQLException {
    try (Connection c = DriverManager.getConnection(PG_URL, "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = '"
            + applicationName + "' AND state IN ('active', 'idle in transaction')")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /**
   * Runs {@code execution} while another thread cancels {@code s} after half a second; checks that the
   * execution failed with 57014 and returns how long after the cancel call it did.
   */
  static Duration failsWhenCanceled(Statement s, Executable execution) throws Exception {
    long[] canceledAt = new long[1];
    CompletableFuture<Void> canceller = CompletableFuture.runAsync(() -> {
      try {
        Thread.sleep(500);
        canceledAt[0] = System.nanoTime();
        s.cancel();
      } catch (InterruptedException | SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    assertThatThrownBy(execution::execute)
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
    long failedAt = System.nanoTime();
    canceller.get(10, TimeUnit.SECONDS);
    return Duration.ofNanos(failedAt - canceledAt[0]);
  }
}
