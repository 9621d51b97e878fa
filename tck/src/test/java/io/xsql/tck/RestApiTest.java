package io.xsql.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JSON API on loopback (the JDK's HTTP server) read through the driver: each paging style, parameters
 * from WHERE and joins, path parameters, retries, and the faults a user meets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class RestApiTest {
  private static final String TOKEN = "token-never-shown";

  @TempDir
  static Path dir;
  private TestApi api;
  private Path catalog;
  private final AtomicInteger flaky = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  /** The token the OAuth2 endpoint issues and the API takes; bumping it revokes the old one. */
  /** Calls to /busy: every other one is refused with a 429. */
  private final AtomicInteger busy = new AtomicInteger();
  private final AtomicInteger tokenVersion = new AtomicInteger(1);
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private final java.util.concurrent.CountDownLatch together = new java.util.concurrent.CountDownLatch(2);

  @BeforeAll
  void start() throws Exception {
    api = new TestApi()
        .on("/customers", authorized(c -> {
          int offset = c.intParam("offset", 0);
          int limit = c.intParam("limit", 100);
          return TestApi.Answer.json("{\"total\": 25, \"data\": [" + IntStream.rangeClosed(offset + 1,
              Math.min(25, offset + limit)).mapToObj(RestApiTest::customer).collect(Collectors.joining(",")) + "]}");
        }))
        .on("/tickets", authorized(c -> {
          int page = c.intParam("page", 1);
          int size = c.intParam("per_page", 10);
          int from = (page - 1) * size + 1;
          return TestApi.Answer.json("{\"tickets\": [" + IntStream.rangeClosed(from, Math.min(20, from + size - 1))
              .mapToObj(i -> "{\"ticket\": " + i + "}").collect(Collectors.joining(",")) + "]}");
        }))
        .on("/orders", authorized(c -> {
          List<Integer> wanted = c.param("customer_id") == null ? null
              : java.util.Arrays.stream(c.param("customer_id").split(",")).map(Integer::valueOf).toList();
          List<String> all = new ArrayList<>();
          for (int i = 1; i <= 30; i++) {
            int customer = (i % 25) + 1;
            if (wanted == null || wanted.contains(customer)) {
              all.add("{\"order_id\": " + i + ", \"customer_id\": " + customer + ", \"total\": " + (i * 1.5) + "}");
            }
          }
          int at = c.param("cursor") == null ? 0 : Integer.parseInt(c.param("cursor"));
          List<String> page = all.subList(at, Math.min(all.size(), at + 8));
          String next = at + 8 < all.size() ? "\"" + (at + 8) + "\"" : "null";
          return TestApi.Answer.json("{\"items\": [" + String.join(",", page) + "], \"next\": " + next + "}");
        }))
        .on("/events", authorized(c -> {
          int after = c.intParam("after", 0);
          String body = "[" + IntStream.rangeClosed(after + 1, Math.min(7, after + 3))
              .mapToObj(i -> "{\"event\": " + i + ", \"kind\": \"k" + (i % 2) + "\"}").collect(Collectors.joining(","))
              + "]";
          return after + 3 < 7 ? new TestApi.Answer(200, Map.of("Link", "</events?after=" + (after + 3)
              + ">; rel=\"next\""), body) : TestApi.Answer.json(body);
        }))
        .on("/customer/", authorized(c -> {
          int id = Integer.parseInt(c.path().substring("/customer/".length()));
          return id <= 25 ? TestApi.Answer.json(customer(id)) : new TestApi.Answer(404, Map.of(), "");
        }))
        .on("/flaky", authorized(c -> switch (flaky.incrementAndGet()) {
          case 1 -> new TestApi.Answer(429, Map.of("Retry-After", "0"), "");
          case 2 -> new TestApi.Answer(500, Map.of(), "oops");
          default -> TestApi.Answer.json("[{\"ok\": true}]");
        }))
        .on("/busy", authorized(c -> busy.incrementAndGet() % 2 == 1
            ? new TestApi.Answer(429, Map.of("Retry-After", "0"), "") : TestApi.Answer.json("[{\"b\": 1}]")))
        .on("/broken", authorized(c -> TestApi.Answer.json("[{\"a\": 1}, {\"a\": ")))
        .on("/parallel", c -> {
          if (c.param("k") == null) {
            return TestApi.Answer.json("[{\"k\": 0, \"v\": 0}]");
          }
          mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          together.countDown();
          try {
            // Held until a second request is in flight too, or a second has passed.
            together.await(1, java.util.concurrent.TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            inFlight.decrementAndGet();
          }
          return TestApi.Answer.json("[{\"k\": " + c.param("k") + ", \"v\": " + c.param("k") + "0}]");
        })
        .on("/token", c -> TestApi.Answer.json("{\"access_token\": \"t" + tokenVersion.get()
            + "\", \"token_type\": \"bearer\", \"expires_in\": 3600}"))
        .on("/oauth-data", c -> List.of("Bearer t" + tokenVersion.get()).equals(c.headers().get("Authorization"))
            ? TestApi.Answer.json("[{\"x\": 1}]") : new TestApi.Answer(401, Map.of(), ""))
        .on("/arrays", authorized(c -> TestApi.Answer.json(
            "[{\"tags\": [1, 2]}, {\"tags\": null}, {\"tags\": []}]")))
        .on("/tagged", c -> List.of("\"v1\"").equals(c.headers().get("If-none-match"))
            ? new TestApi.Answer(304, Map.of("ETag", "\"v1\""), "")
            : new TestApi.Answer(200, Map.of("ETag", "\"v1\""), "[{\"n\": 1}, {\"n\": 2}]"));
    Files.writeString(dir.resolve("keys.csv"), "customer_id\n" + IntStream.rangeClosed(1, 30)
        .mapToObj(Integer::toString).collect(Collectors.joining("\n")) + "\n");
    int down;
    try (ServerSocket s = new ServerSocket(0)) {
      down = s.getLocalPort();
    }
    catalog = dir.resolve("catalog.yaml");
    Files.writeString(catalog, "sources:\n"
        + "  keys: { type: csv, path: keys.csv }\n"
        + "  api:\n    type: rest\n    url: " + api.url() + "\n    auth: { bearer: \"" + TOKEN + "\" }\n"
        + "    retry: { max_attempts: 3, max_wait: 1s }\n    sample_size: 10\n    tables:\n"
        + "      customers: { path: /customers, records: /data, paging: { type: offset, page_size: 10 } }\n"
        + "      tickets: { path: /tickets, records: /tickets, paging: { type: page, page_size: 10 } }\n"
        + "      orders: { path: /orders, records: /items, paging: { type: cursor, next: /next },"
        + " params: { customer_id: { column: customer_id, batch: 20 } } }\n"
        + "      events: { path: /events, paging: { type: link } }\n"
        + "      customer: { path: \"/customer/{id}\", columns: { id: INTEGER, name: VARCHAR } }\n"
        + "      flaky: { path: /flaky }\n"
        + "      broken: { path: /broken }\n"
        + "      busy: { path: /busy }\n"
        + "      parallel: { path: /parallel, params: { k: { column: k } } }\n"
        + "      arrays: { path: /arrays, columns: { tags: \"INTEGER ARRAY\" } }\n"
        + "  anonymous: { type: rest, url: " + api.url() + ", tables: { customers: { path: /customers,"
        + " records: /data } } }\n"
        + "  stingy: { type: rest, url: " + api.url() + ", auth: { bearer: \"" + TOKEN + "\" },"
        + " budget: { max_requests_per_query: 2 }, tables: { customers: { path: /customers, records: /data,"
        + " paging: { type: offset, page_size: 10 } } } }\n"
        + "  cached: { type: rest, url: " + api.url() + ", cache: { ttl: 60s },"
        + " tables: { tagged: { path: /tagged } } }\n"
        + "  revalidated: { type: rest, url: " + api.url() + ", cache: { ttl: 0s },"
        + " tables: { tagged: { path: /tagged } } }\n"
        + "  oauth: { type: rest, url: " + api.url() + ", auth: { oauth2: { token_url: " + api.url() + "/token,"
        + " client_id: app, client_secret: \"" + TOKEN + "\" } }, tables: { data: { path: /oauth-data } } }\n"
        + "  gone: { type: rest, url: \"http://127.0.0.1:" + down + "\", retry: { max_attempts: 1 },"
        + " tables: { things: { path: /things } } }\n");
  }

  private static java.util.function.Function<TestApi.Call, TestApi.Answer> authorized(
      java.util.function.Function<TestApi.Call, TestApi.Answer> handler) {
    return c -> List.of("Bearer " + TOKEN).equals(c.headers().get("Authorization")) ? handler.apply(c)
        : new TestApi.Answer(401, Map.of(), "{\"error\": \"unauthorized\"}");
  }

  /** Customer 23, on the third page, has a field the others lack. */
  private static String customer(int i) {
    return "{\"id\": " + i + ", \"name\": \"c" + i + "\", \"tier\": \"" + (i % 3 == 0 ? "gold" : "std")
        + "\", \"address\": {\"city\": \"city" + (i % 4) + "\"" + (i == 23 ? ", \"zip\": \"0123\"" : "")
        + "}}";
  }

  @AfterAll
  void stop() {
    api.close();
  }

  @BeforeEach
  void reset() {
    api.reset();
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:xsql:catalog=" + catalog);
  }

  @Test
  void everyPagingStyleReadsEveryRecordOnce() throws SQLException {
    try (Connection c = connect()) {
      assertThat(Rows.of(c, "SELECT COUNT(*), COUNT(DISTINCT id), SUM(id) FROM api.customers"))
          .containsExactly("25 | 25 | 325");
      assertThat(Rows.of(c, "SELECT COUNT(*), SUM(ticket) FROM api.tickets")).containsExactly("20 | 210");
      assertThat(Rows.of(c, "SELECT COUNT(*), COUNT(DISTINCT order_id) FROM api.orders")).containsExactly("30 | 30");
      assertThat(Rows.of(c, "SELECT COUNT(*), MAX(event) FROM api.events")).containsExactly("7 | 7");
      assertThat(Rows.of(c, "SELECT \"address.city\", COUNT(*) FROM api.customers GROUP BY \"address.city\""
          + " ORDER BY 1")).containsExactly("city0 | 6", "city1 | 7", "city2 | 6", "city3 | 6");
    }
  }

  @Test
  void aFieldTheSampleDidNotSeeIsReportedNotDropped() throws SQLException {
    try (Connection c = connect(); java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT id FROM api.customers")) {
      assertThat(Rows.of(rs)).hasSize(25);
      List<String> warnings = new ArrayList<>();
      for (java.sql.SQLWarning w = rs.getWarnings(); w != null; w = w.getNextWarning()) {
        warnings.add(w.getMessage());
      }
      assertThat(warnings).anySatisfy(w -> assertThat(w).contains("table 'customers'")
          .contains("field 'address.zip' (page 3, record 3) is not a column"));
    }
  }

  @Test
  void eachTableEndsTheWarningsWithWhatItAskedOfTheApi() throws SQLException {
    String none = "0 cache hits, 0 revalidated (304), 0 retries, 0 waits for the rate limit (0 ms)";
    try (Connection c = connect()) {
      assertThat(summaries(c, "SELECT COUNT(*) FROM api.customers c JOIN api.orders o ON o.customer_id = c.id"))
          .containsExactlyInAnyOrder("source 'api', table 'customers': 3 requests, 3 pages, " + none,
              "source 'api', table 'orders': 4 requests, 4 pages, " + none);
      assertThat(summaries(c, "SELECT b FROM api.busy")).containsExactly("source 'api', table 'busy': 2 requests,"
          + " 1 page, 0 cache hits, 0 revalidated (304), 1 retry, 1 wait for the rate limit (0 ms)");
      assertThat(summaries(c, "SELECT n FROM cached.tagged")).containsExactly(
          "source 'cached', table 'tagged': 0 requests, 1 page, 1 cache hit, 0 revalidated (304), 0 retries,"
              + " 0 waits for the rate limit (0 ms)");
      assertThat(summaries(c, "SELECT n FROM revalidated.tagged")).containsExactly(
          "source 'revalidated', table 'tagged': 1 request, 1 page, 0 cache hits, 1 revalidated (304), 0 retries,"
              + " 0 waits for the rate limit (0 ms)");
    }
  }

  /** The per-table summaries among the warnings of a query read to its end. */
  private static List<String> summaries(Connection c, String sql) throws SQLException {
    try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
      Rows.of(rs);
      List<String> out = new ArrayList<>();
      for (java.sql.SQLWarning w = rs.getWarnings(); w != null; w = w.getNextWarning()) {
        if (w.getMessage().matches("source '[^']*', table '[^']*': \\d+ request.*")) {
          out.add(w.getMessage());
        }
      }
      return out;
    }
  }

  @Test
  void aContractWrittenFromTheSampleIsReadBackAndDriftIsCounted() throws Exception {
    Path events = dir.resolve("events-catalog.yaml");
    String source = "{ type: rest, url: " + api.url() + ", auth: { bearer: \"" + TOKEN + "\" },"
        + " tables: { events: { path: /events, paging: { type: link } } }";
    Files.writeString(events, "sources:\n  feed: " + source + " }\n");
    String yaml;
    try (Connection c = DriverManager.getConnection("jdbc:xsql:catalog=" + events)) {
      yaml = c.unwrap(io.xsql.driver.XsqlConnection.class).inferSchema("feed").orElseThrow().toYaml("feed");
    }
    assertThat(yaml).contains("\"event\": { type: \"INTEGER\", kinds: [\"number\"], nullable: false }")
        .contains("\"kind\": { type: \"VARCHAR\", kinds: [\"string\"], nullable: false }");
    Files.writeString(dir.resolve("feed.schema.yaml"), yaml.replace("kinds: [\"string\"]", "kinds: [\"number\"]"));
    Files.writeString(events, "sources:\n  feed: " + source + ", schema: feed.schema.yaml }\n");
    try (Connection c = DriverManager.getConnection("jdbc:xsql:catalog=" + events);
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT kind FROM feed.events")) {
      assertThat(Rows.of(rs)).hasSize(7);
      List<String> warnings = new ArrayList<>();
      for (java.sql.SQLWarning w = rs.getWarnings(); w != null; w = w.getNextWarning()) {
        warnings.add(w.getMessage());
      }
      assertThat(warnings).anySatisfy(w -> assertThat(w).contains("7 values in source 'feed', table 'events'"
          + " departed from the schema contract").contains("field 'kind' holds a string value"));
    }
  }

  @Test
  void aColumnDeclaredAsAnArrayReadsJsonArrays() throws SQLException {
    try (Connection c = connect()) {
      assertThat(Rows.of(c, "SELECT CARDINALITY(tags), tags[2] FROM api.arrays"))
          .containsExactly("2 | 2", "NULL | NULL", "0 | NULL");
    }
  }

  @Test
  void aNestedLoopJoinAsksTheApiForItsInnerRowsOnce() throws SQLException {
    String join = "SELECT COUNT(*) FROM api.customers c JOIN api.tickets t ON t.ticket < c.id";
    try (Connection c = connect()) {
      assertThat(String.join("\n", Rows.of(c, "EXPLAIN PLAN FOR " + join))).contains("NestedLoopJoin");
      Rows.of(c, join);
      api.reset();
      // Customers 1..25 and tickets 1..20: sum of min(id - 1, 20).
      assertThat(Rows.of(c, join)).containsExactly("290");
      assertThat(api.count("/tickets")).as("two pages and the empty third, once").isEqualTo(3);
    }
  }

  @Test
  void aLimitStopsPaging() throws SQLException {
    try (Connection c = connect()) {
      Rows.of(c, "SELECT COUNT(*) FROM api.customers");
      api.reset();
      assertThat(Rows.of(c, "SELECT id FROM api.customers LIMIT 5")).hasSize(5);
      assertThat(api.count("/customers")).isEqualTo(1);
    }
  }

  @Test
  void parameterColumnsTakeWhereValuesAndJoinKeys() throws SQLException {
    try (Connection c = connect()) {
      assertThat(Rows.of(c, "SELECT order_id FROM api.orders WHERE customer_id IN (2, 3) ORDER BY 1"))
          .containsExactly("1", "2", "26", "27");
      assertThat(api.calls).anySatisfy(call -> assertThat(call.param("customer_id")).isEqualTo("2,3"));
      assertThat(String.join("\n", Rows.of(c, "EXPLAIN PLAN FOR SELECT order_id FROM api.orders"
          + " WHERE customer_id = 7"))).contains("params customer_id (batch 20)");
      api.reset();
      String join = "SELECT k.customer_id, o.order_id FROM keys k JOIN api.orders o ON o.customer_id = k.customer_id"
          + " WHERE k.customer_id <= 22";
      assertThat(Rows.of(c, join)).hasSize(27);
      assertThat(api.calls.stream().map(call -> call.param("customer_id")).distinct().toList())
          .as("the 22 keys in batches of 20").hasSize(2);
      api.reset();
      // Past 20 values Calcite would make a join of the list; a list stays a filter the API is sent.
      String many = IntStream.rangeClosed(2, 25).mapToObj(Integer::toString).collect(Collectors.joining(", "));
      assertThat(Rows.of(c, "SELECT COUNT(*) FROM api.orders WHERE customer_id IN (" + many + ")"))
          .containsExactly("29");
      assertThat(api.calls).isNotEmpty().allSatisfy(call -> assertThat(call.param("customer_id")).isNotNull());
    }
  }

  @Test
  void theRequestsOfSeveralValuesAreInFlightTogether() throws SQLException {
    try (Connection c = connect()) {
      assertThat(Rows.of(c, "SELECT v FROM api.parallel WHERE k IN (1, 2, 3, 4) ORDER BY v"))
          .containsExactly("10", "20", "30", "40");
      assertThat(mostInFlight.get()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void aPathParameterIsRequiredAndA404IsNoRow() throws SQLException {
    try (Connection c = connect()) {
      String join = "SELECT k.customer_id, c.name FROM keys k JOIN api.customer c ON c.id = k.customer_id"
          + " WHERE k.customer_id BETWEEN 24 AND 26";
      assertThat(String.join("\n", Rows.of(c, "EXPLAIN PLAN FOR " + join))).contains("LOOKUP");
      assertThat(Rows.of(c, join + " ORDER BY 1")).as("26 is a 404").containsExactly("24 | c24", "25 | c25");
      assertThat(Rows.of(c, "SELECT id, name FROM api.customer WHERE id = 3")).containsExactly("3 | c3");
      assertThat(Rows.of(c, "SELECT id, name FROM api.customer WHERE id IN (4, 99)")).containsExactly("4 | c4");
      assertThatThrownBy(() -> Rows.of(c, "SELECT name FROM api.customer"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"))
          .hasMessageContaining("table 'customer'").hasMessageContaining("WHERE id = ...");
    }
  }

  @Test
  void aCacheAnswersWithinItsTtlAndRevalidatesAfterIt() throws SQLException {
    try (Connection c = connect()) {
      assertThat(Rows.of(c, "SELECT SUM(n) FROM cached.tagged")).containsExactly("3");
      int first = api.count("/tagged");
      assertThat(Rows.of(c, "SELECT SUM(n) FROM cached.tagged")).containsExactly("3");
      assertThat(api.count("/tagged")).as("answered from memory").isEqualTo(first);
      api.reset();
      assertThat(Rows.of(c, "SELECT SUM(n) FROM revalidated.tagged")).containsExactly("3");
      assertThat(Rows.of(c, "SELECT SUM(n) FROM revalidated.tagged")).containsExactly("3");
      assertThat(api.calls).anySatisfy(call -> assertThat(call.headers().get("If-none-match"))
          .containsExactly("\"v1\""));
    }
  }

  @Test
  void anOAuth2TokenIsFetchedOnceAndAgainWhenRefused() throws SQLException {
    try (Connection c = connect()) {
      assertThat(Rows.of(c, "SELECT x FROM oauth.data")).containsExactly("1");
      assertThat(Rows.of(c, "SELECT x FROM oauth.data")).containsExactly("1");
      assertThat(api.count("/token")).isEqualTo(1);
      tokenVersion.incrementAndGet();
      assertThat(Rows.of(c, "SELECT x FROM oauth.data")).containsExactly("1");
      assertThat(api.count("/token")).isEqualTo(2);
    }
  }

  @Test
  void busyAndFailingAnswersAreRetried() throws SQLException {
    try (Connection c = connect()) {
      assertThat(Rows.of(c, "SELECT ok FROM api.flaky")).containsExactly("true");
      assertThat(api.count("/flaky")).isEqualTo(4);
    }
  }

  @Test
  void badTableEntriesFailTheConnectionWithFileAndLine() throws Exception {
    for (String[] bad : new String[][] {
        {"{ path: /x, paging: { type: pages } }", "unknown paging type 'pages'"},
        {"{ path: \"/x/{id\" }", "unbalanced"},
        {"{ path: /x, params: { id: { colum: id } } }", "unknown key 'colum'"}}) {
      Path file = dir.resolve("bad.yaml");
      Files.writeString(file, "sources:\n  api:\n    type: rest\n    url: http://127.0.0.1:9\n    tables:\n"
          + "      t: " + bad[0] + "\n");
      assertThatThrownBy(() -> DriverManager.getConnection("jdbc:xsql:catalog=" + file).close())
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("F0000"))
          .hasMessageContaining("bad.yaml:6").hasMessageContaining(bad[1]);
    }
  }

  @Test
  void faultsFailWithTheirSqlStateNamingSourceAndUrlButNeverTheToken() throws SQLException {
    try (Connection c = connect()) {
      assertThatThrownBy(() -> Rows.of(c, "SELECT * FROM api.broken"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22000"))
          .hasMessageContaining("/broken").hasMessageContaining("not valid JSON");
      assertThatThrownBy(() -> Rows.of(c, "SELECT * FROM anonymous.customers"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28000"))
          .hasMessageContaining("source 'anonymous'");
      assertThatThrownBy(() -> Rows.of(c, "SELECT COUNT(*) FROM stingy.customers"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("54000"))
          .hasMessageContaining("max_requests_per_query");
      assertThatThrownBy(() -> Rows.of(c, "SELECT * FROM gone.things"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
          .satisfies(e -> {
            for (Throwable t = e; t != null; t = t.getCause()) {
              assertThat(String.valueOf(t.getMessage())).doesNotContain(TOKEN);
            }
          });
    }
  }
}
