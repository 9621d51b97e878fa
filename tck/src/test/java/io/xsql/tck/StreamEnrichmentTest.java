package io.xsql.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A NATS JetStream stream enriched with a PostgreSQL table under {@code SELECT STREAM}: a lookup join whose
 * batches of events are looked up once they waited {@code max_delay}, not once 1,000 came, through the
 * table's source's {@code lookup_cache}, whose hits and misses the query reports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
final class StreamEnrichmentTest {
  private static final String DATABASE = "xsql_stream_enrichment";
  private static final String COLUMNS = "columns: { user_id: BIGINT, url: VARCHAR, ts: TIMESTAMP }";
  private static final String ENRICH = "SELECT STREAM c.user_id, u.name FROM clicks c LEFT JOIN crm.users u"
      + " ON u.id = c.user_id";

  @TempDir
  static Path dir;
  private StreamBrokers brokers;

  @BeforeAll
  void start() throws Exception {
    brokers = new StreamBrokers();
    TestDatabase.POSTGRES.create(DATABASE);
    try (Connection c = TestDatabase.POSTGRES.connect(DATABASE); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE users (id bigint PRIMARY KEY, name text)");
      s.execute("INSERT INTO users VALUES (1, 'ann'), (2, 'bob'), (3, 'cid')");
    }
  }

  @AfterAll
  void stop() throws Exception {
    brokers.close();
    TestDatabase.POSTGRES.drop(DATABASE);
  }

  /**
   * A connection whose catalog has the stream and the database, each with the given extra settings, and
   * the other sources given.
   */
  private Connection connect(String stream, String streamExtra, String crmExtra, String... sources)
      throws Exception {
    Path file = dir.resolve("catalog-" + System.nanoTime() + ".yaml");
    Files.writeString(file, "sources:\n"
        + "  clicks: { type: nats, url: \"" + StreamBrokers.NATS_URL + "\", stream: " + stream + ", " + COLUMNS
        + (streamExtra.isEmpty() ? "" : ", " + streamExtra) + " }\n"
        + "  crm: " + TestDatabase.POSTGRES.catalogEntry(DATABASE, crmExtra) + "\n"
        + String.join("", Arrays.stream(sources).map(e -> "  " + e + "\n").toList()));
    return DriverManager.getConnection("jdbc:xsql:catalog=" + file);
  }

  private void click(String stream, long user) {
    brokers.publish(stream, "c", "{\"user_id\": " + user + ", \"url\": \"/\", \"ts\": \"2026-01-01T00:00:00Z\"}");
  }

  /** The next row as "user | name", read within a generous bound of the event's arrival. */
  private static String next(ResultSet rs) throws SQLException {
    long start = System.nanoTime();
    assertThat(rs.next()).isTrue();
    // A batch of 1,000 would wait for ever; max_delay is 200 ms: 5 s leaves room for a busy machine.
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);
    return rs.getLong(1) + " | " + rs.getString(2);
  }

  @Test
  void aSlowStreamIsEnrichedEventByEventThroughTheCache() throws Exception {
    String stream = brokers.stream();
    try (Connection c = connect(stream, "lookup_batch: { size: 1000, max_delay: 200ms }",
        "lookup_cache: { ttl: 1h, max_rows: 100 }")) {
      assertThat(String.join("\n", Rows.of(c, "EXPLAIN PLAN FOR " + ENRICH)))
          .contains("XsqlLookupJoin(strategy=[LOOKUP], joinType=[left]", "batch=[1000], maxDelay=[200ms]",
              "cache: ttl=3600000ms, max_rows=100");
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(ENRICH)) {
        // Each event is published once the previous one came out: one batch per event.
        click(stream, 1);
        assertThat(next(rs)).isEqualTo("1 | ann");
        click(stream, 2);
        assertThat(next(rs)).isEqualTo("2 | bob");
        // The database changes, but the key is cached for an hour: the cached row is used.
        try (Connection pg = TestDatabase.POSTGRES.connect(DATABASE); Statement u = pg.createStatement()) {
          u.execute("UPDATE users SET name = 'ann2' WHERE id = 1");
        }
        click(stream, 1);
        assertThat(next(rs)).isEqualTo("1 | ann");
        // A key without a row is cached too.
        click(stream, 9);
        assertThat(next(rs)).isEqualTo("9 | null");
        click(stream, 9);
        assertThat(next(rs)).isEqualTo("9 | null");
        SQLWarning warning = rs.getWarnings();
        assertThat((Throwable) warning).isNotNull();
        assertThat(warning.getMessage()).contains("table crm.users: lookup cache: 2 hits, 3 misses");
      }
      // Five batches of one key; the hits gave one row (user 1) and no row (user 9).
      assertThat(Rows.of(c, "SELECT calls, rows_read, details FROM xsql.queries WHERE operation = 'cache'"))
          .containsExactly("5 | 1 | lookup cache: 2 hits, 3 misses");
    } finally {
      try (Connection pg = TestDatabase.POSTGRES.connect(DATABASE); Statement u = pg.createStatement()) {
        u.execute("UPDATE users SET name = 'ann' WHERE id = 1");
      }
    }
  }

  @Test
  void aFileSourceCachesTheLookupsIntoItsIndex() throws Exception {
    Files.writeString(dir.resolve("people.jsonl"), "{\"id\": 1, \"name\": \"ann\"}\n{\"id\": 2, \"name\": \"bob\"}\n");
    String stream = brokers.stream();
    try (Connection c = connect(stream, "", "", "people: { type: jsonl, path: people.jsonl,"
        + " columns: { id: BIGINT, name: VARCHAR }, lookup_cache: { ttl: 1h, max_rows: 10 } }")) {
      String sql = "SELECT STREAM c.user_id, p.name FROM clicks c JOIN people p ON p.id = c.user_id";
      assertThat(String.join("\n", Rows.of(c, "EXPLAIN PLAN FOR " + sql)))
          .contains("XsqlLookupJoin(strategy=[MMAP]", "maxDelay=[200ms]", "cache: ttl=3600000ms, max_rows=10");
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        click(stream, 2);
        assertThat(next(rs)).isEqualTo("2 | bob");
        click(stream, 2);
        assertThat(next(rs)).isEqualTo("2 | bob");
        SQLWarning warning = rs.getWarnings();
        assertThat((Throwable) warning).isNotNull();
        assertThat(warning.getMessage()).contains("table people: lookup cache: 1 hit, 1 miss");
      }
    }
  }

  @Test
  void withoutACacheEveryEventAsksTheDatabase() throws Exception {
    String stream = brokers.stream();
    try (Connection c = connect(stream, "", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(ENRICH)) {
      click(stream, 3);
      assertThat(next(rs)).isEqualTo("3 | cid");
      try (Connection pg = TestDatabase.POSTGRES.connect(DATABASE); Statement u = pg.createStatement()) {
        u.execute("UPDATE users SET name = 'cid2' WHERE id = 3");
      }
      click(stream, 3);
      assertThat(next(rs)).isEqualTo("3 | cid2");
    } finally {
      try (Connection pg = TestDatabase.POSTGRES.connect(DATABASE); Statement u = pg.createStatement()) {
        u.execute("UPDATE users SET name = 'cid' WHERE id = 3");
      }
    }
  }

  @Test
  void eventsStoredBeforeTheQueryAreLookedUpInOneBatch() throws Exception {
    String stream = brokers.stream();
    for (long user : new long[] {1, 2, 1, 3, 2}) {
      click(stream, user);
    }
    try (Connection c = connect(stream, "lookup_batch: { size: 5, max_delay: 2s }", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(ENRICH)) {
      for (String expected : new String[] {"1 | ann", "2 | bob", "1 | ann", "3 | cid", "2 | bob"}) {
        assertThat(next(rs)).isEqualTo(expected);
      }
    }
  }

  @Test
  void badCacheSettingsFailNamingTheSource() throws Exception {
    String stream = brokers.stream();
    for (String bad : new String[] {"lookup_cache: { ttl: -5s }", "lookup_cache: { max_rows: -1 }",
        "lookup_cache: { ttl: 0s }", "lookup_cache: { size: 3 }"}) {
      assertThatThrownBy(() -> connect(stream, "", bad).close()).isInstanceOfSatisfying(SQLException.class,
          e -> assertThat(e.getMessage()).contains("source 'crm'", "lookup_cache"));
    }
    assertThatThrownBy(() -> connect(stream, "lookup_batch: { size: 0 }", "").close())
        .isInstanceOf(SQLException.class).hasMessageContaining("source 'clicks'").hasMessageContaining("size");
  }
}
