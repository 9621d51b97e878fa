package io.xsql.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many clients at once, and requests that make no sense. */
final class ServeLoadTest {
  private static final int CLIENTS = 16;
  private static final int QUERIES = 50;
  @TempDir
  static Path dir;
  private static ServeServer server;
  private static Path catalog;

  @BeforeAll
  static void start() throws Exception {
    ServeFixture.createDatabase();
    catalog = ServeFixture.catalog(dir, "xsql_serve_load");
    server = ServeFixture.serve(catalog);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void sixteenClientsRunFiftyQueriesEachWithoutErrorsOrGrowingMemory() throws Exception {
    long first = round();
    long second = round();
    // The second round leaves no more behind than the first did (generously: GC is not exact).
    assertThat(second).isLessThan(first + 64L * 1024 * 1024);
    assertThat(server.meta().connectionCount()).isZero();
    assertThat(server.meta().statementCount()).isZero();
  }

  /** One round of all clients; returns the heap in use after it, after a GC. */
  private static long round() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        int client = i;
        done.add(pool.submit(() -> client(client)));
      }
      for (Future<Integer> f : done) {
        assertThat(f.get()).isEqualTo(QUERIES);
      }
    } finally {
      pool.shutdown();
    }
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** One client's queries, half of the clients through each driver; returns the number that were right. */
  private static int client(int client) throws Exception {
    int right = 0;
    try (Connection c = client % 2 == 0 ? ServeFixture.avatica(server.port(), "")
        : ServeFixture.xsqlRemote(server.port(), new Properties());
        PreparedStatement people = c.prepareStatement("SELECT name FROM people WHERE id = ?");
        PreparedStatement nums = c.prepareStatement("SELECT COUNT(*), MAX(n) FROM pg.nums WHERE n <= ?")) {
      String[] names = {"Ann", "Bob", "Cy"};
      for (int q = 0; q < QUERIES; q++) {
        if (q % 2 == 0) {
          people.setInt(1, q % 3 + 1);
          try (ResultSet rs = people.executeQuery()) {
            right += ServeFixture.rows(rs).equals(List.of(names[q % 3])) ? 1 : 0;
          }
        } else {
          int limit = client * 100 + q;
          nums.setInt(1, limit);
          try (ResultSet rs = nums.executeQuery()) {
            right += ServeFixture.rows(rs).equals(List.of(limit + "|" + limit)) ? 1 : 0;
          }
        }
      }
    }
    return right;
  }

  @Test
  void malformedRequestsGetErrorsAndTheServerGoesOn() throws Exception {
    ProtobufTranslationImpl protobuf = new ProtobufTranslationImpl();
    HttpResponse<byte[]> garbage = ServeAuthTest.post(server.port(), null, null,
        "\u0000\u00ff garbage \u0001".getBytes(UTF_8));
    assertThat(garbage.statusCode()).isEqualTo(500);
    assertThat(protobuf.parseResponse(garbage.body())).isInstanceOf(Service.ErrorResponse.class);
    for (Service.Request request : List.<Service.Request>of(
        new Service.FetchRequest("no-such-connection", 12345, 0, 10),
        new Service.PrepareAndExecuteRequest("no-such-connection", 7, "SELECT 1", 10),
        new Service.CreateStatementRequest("no-such-connection"),
        new Service.TablesRequest("no-such-connection", null, null, null, null))) {
      HttpResponse<byte[]> response = ServeAuthTest.post(server.port(), null, null,
          protobuf.serializeRequest(request));
      assertThat(ServeAuthTest.refused(protobuf.parseResponse(response.body()))).as(request.toString()).isTrue();
    }
    try (ServeServer json = ServeServer.start(new ServerConfig(catalog, Optional.empty(), 0, Serialization.JSON,
        ServerAuth.NONE, Optional.empty(), Optional.empty(), Duration.ofMinutes(1),
        ServerConfig.of(catalog).defaults(), Map.of()))) {
      for (String body : List.of("{not json", "{\"request\": \"noSuchRequest\"}",
          "{\"request\": \"createStatement\", \"connectionId\": \"nope\"}")) {
        HttpResponse<byte[]> response = ServeAuthTest.post(json.port(), null, null, body.getBytes(UTF_8));
        assertThat(response.statusCode()).as(body).isEqualTo(500);
        assertThat(new String(response.body(), UTF_8)).as(body).contains("\"response\":\"error\"");
      }
      try (Connection c = DriverManager.getConnection("jdbc:avatica:remote:url=http://127.0.0.1:"
          + json.port() + ";serialization=json")) {
        assertThat(ServeFixture.rows(c, "SELECT COUNT(*) FROM people")).containsExactly("3");
      }
    }
    try (Connection c = ServeFixture.avatica(server.port(), "")) {
      assertThat(ServeFixture.rows(c, "SELECT COUNT(*) FROM people")).containsExactly("3");
    }
  }
}
