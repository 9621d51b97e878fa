package io.xsql.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cancel and timeout stop queries whose time goes into operators, not reads: a cross join of two
 * 20,000-row files, a hash join over a 1,000,000-row file, a subquery compared row by row. Each would run
 * for minutes; each stops soon after cancel or its timeout, and the statement runs the next query.
 */
@Timeout(120)
final class CancelOperatorsTest {
  /** How soon after cancel the query must have failed. */
  private static final Duration PROMPTLY = Duration.ofSeconds(1);

  @TempDir
  static Path dir;
  static Path catalog;

  @BeforeAll
  static void files() throws IOException {
    Random random = new Random(20261206);
    write("a.csv", 20_000, random, 1000);
    write("b.csv", 20_000, random, 1000);
    write("big.csv", 1_000_000, random, 50);
    catalog = Fixtures.write(dir.resolve("catalog.yaml"), "sources:\n"
        + "  a: { type: csv, path: a.csv }\n  b: { type: csv, path: b.csv }\n  big: { type: csv, path: big.csv }\n");
  }

  private static void write(String name, int rows, Random random, int values) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(name))) {
      w.write("id,v\n");
      for (int i = 0; i < rows; i++) {
        w.write(i + "," + random.nextInt(values) + "\n");
      }
    }
  }

  private static final String[] QUERIES = {
      // A cross join of the two files: 4e8 pairs, each a text comparison.
      "SELECT count(*) FROM a, b WHERE CAST(a.v AS VARCHAR) || CAST(b.v AS VARCHAR) = 'x'",
      // Every v repeats 20,000 times: the join makes 2e10 pairs, each tested against the condition on ids (a
      // count alone would be computed from counts per key).
      "SELECT count(*) FROM big b1 JOIN big b2 ON b1.v = b2.v AND b1.id <> b2.id",
      "SELECT count(*) FROM a WHERE a.v < (SELECT count(*) FROM big WHERE big.v * 2 > a.id + big.id)"};

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void cancelStopsTheQuery(int query) throws Exception {
    try (Connection c = Fixtures.connect(catalog); Statement s = c.createStatement()) {
      long[] canceledAt = new long[1];
      Thread canceller = new Thread(() -> {
        try {
          Thread.sleep(1000);
          canceledAt[0] = System.nanoTime();
          s.cancel();
        } catch (InterruptedException | SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      canceller.start();
      assertThatThrownBy(() -> Fixtures.rows(s.executeQuery(QUERIES[query])))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
      Duration after = Duration.ofNanos(System.nanoTime() - canceledAt[0]);
      canceller.join();
      assertThat(after).isLessThan(PROMPTLY);
      assertThat(Fixtures.rows(s.executeQuery("SELECT count(*) FROM a"))).containsExactly("20000");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void theTimeoutStopsTheQuery(int query) throws Exception {
    try (Connection c = Fixtures.connect(catalog); Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      long start = System.nanoTime();
      assertThatThrownBy(() -> Fixtures.rows(s.executeQuery(QUERIES[query])))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("HYT00"));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1).plus(PROMPTLY));
      s.setQueryTimeout(0);
      assertThat(Fixtures.rows(s.executeQuery("SELECT count(*) FROM b"))).containsExactly("20000");
    }
  }
}
