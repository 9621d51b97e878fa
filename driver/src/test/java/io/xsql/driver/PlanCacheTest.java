package io.xsql.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class PlanCacheTest {
  private static final String JOIN = "SELECT d.title, COUNT(*), SUM(u.salary) FROM users u JOIN departments d"
      + " ON u.dept_id = d.dept_id GROUP BY d.title ORDER BY d.title";

  @TempDir
  Path dir;

  /** Counts the statements parsed on this thread while it is open. */
  private static final class Parses implements AutoCloseable {
    private final AtomicInteger count = new AtomicInteger();
    private final Hook.Closeable hook = Hook.PARSE_TREE.addThread(
        (Consumer<Object>) tree -> count.incrementAndGet());

    int count() {
      return count.get();
    }

    @Override
    public void close() {
      hook.close();
    }
  }

  @Test
  void aQuerySentAgainIsNotPlannedAgain() throws SQLException {
    Path catalog = Fixtures.usersAndDepartments(dir);
    List<String> expected = List.of("Engineering|2|11100.5", "Sales|1|4200.0");
    try (Connection c = Fixtures.connect(catalog); Parses parses = new Parses()) {
      for (int i = 0; i < 3; i++) {
        assertThat(Fixtures.rows(c, JOIN)).containsExactlyElementsOf(expected);
      }
      try (PreparedStatement ps = c.prepareStatement(JOIN); ResultSet rs = ps.executeQuery()) {
        assertThat(Fixtures.rows(rs)).containsExactlyElementsOf(expected);
      }
      assertThat(parses.count()).isEqualTo(1);
      // Another text is another plan.
      assertThat(Fixtures.rows(c, JOIN.replace("ORDER BY d.title", "ORDER BY d.title DESC")))
          .containsExactly("Sales|1|4200.0", "Engineering|2|11100.5");
      assertThat(parses.count()).isEqualTo(2);
    }
  }

  @Test
  void planCacheZeroPlansEveryTime() throws SQLException {
    Path catalog = Fixtures.usersAndDepartments(dir);
    try (Connection c = DriverManager.getConnection("jdbc:xsql:planCache=0;catalog=" + catalog);
        Parses parses = new Parses()) {
      for (int i = 0; i < 3; i++) {
        assertThat(Fixtures.rows(c, JOIN)).hasSize(2);
      }
      assertThat(parses.count()).isEqualTo(3);
    }
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:xsql:planCache=-1;catalog=" + catalog))
        .isInstanceOf(SQLException.class).hasMessageContaining("planCache")
        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08001");
  }

  @Test
  void aRefreshedSourceIsPlannedAgain() throws SQLException {
    String url = "jdbc:h2:mem:plancache;DATABASE_TO_UPPER=FALSE;DB_CLOSE_DELAY=-1";
    Path catalog = Fixtures.write(dir.resolve("sources.yaml"), """
        sources:
          db: { type: jdbc, url: "%s", driver: org.h2.Driver }
        """.formatted(url));
    try (Connection h2 = DriverManager.getConnection(url); Statement s = h2.createStatement();
        Connection c = Fixtures.connect(catalog)) {
      s.execute("CREATE TABLE t (a INT)");
      s.execute("INSERT INTO t VALUES (1)");
      assertThat(Fixtures.rows(c, "SELECT * FROM db.t")).containsExactly("1");
      s.execute("ALTER TABLE t ADD COLUMN b VARCHAR(10) DEFAULT 'x'");
      c.unwrap(XsqlConnection.class).refresh("db");
      assertThat(Fixtures.rows(c, "SELECT * FROM db.t")).containsExactly("1|x");
      s.execute("DROP TABLE t");
    }
  }

  @Test
  void aTableRegisteredAnewIsPlannedAgain() throws SQLException {
    Path catalog = Fixtures.usersAndDepartments(dir);
    try (Connection c = Fixtures.connect(catalog)) {
      XsqlConnection xc = c.unwrap(XsqlConnection.class);
      xc.register("m", List.of(Map.of("k", 1)));
      assertThat(Fixtures.rows(c, "SELECT * FROM m")).containsExactly("1");
      xc.unregister("m");
      xc.register("m", List.of(Map.of("k", 2, "v", "two")));
      assertThat(Fixtures.rows(c, "SELECT * FROM m")).singleElement()
          .satisfies(r -> assertThat(r.split("\\|")).containsExactlyInAnyOrder("2", "two"));
    }
  }

  @Test
  void theSameTextInAnotherSchemaIsAnotherPlan() throws SQLException {
    Path catalog = Fixtures.usersAndDepartments(dir);
    try (Connection c = Fixtures.connect(catalog)) {
      c.unwrap(XsqlConnection.class).register("sources", List.of(Map.of("name", "mine")));
      assertThat(Fixtures.rows(c, "SELECT COUNT(*) FROM sources")).containsExactly("1");
      c.setSchema("xsql");
      // xsql.sources lists the catalog's two sources.
      assertThat(Fixtures.rows(c, "SELECT COUNT(*) FROM sources")).containsExactly("2");
    }
  }

  @Test
  void oneKeptPlanServesSeveralThreadsAtOnce() throws Exception {
    Path catalog = Fixtures.usersAndDepartments(dir);
    try (Connection c = Fixtures.connect(catalog)) {
      List<String> expected = Fixtures.rows(c, JOIN);
      ExecutorService threads = Executors.newFixedThreadPool(4);
      try {
        List<Future<List<List<String>>>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          done.add(threads.submit(() -> {
            List<List<String>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
              results.add(Fixtures.rows(c, JOIN));
            }
            return results;
          }));
        }
        for (Future<List<List<String>>> f : done) {
          assertThat(f.get(60, TimeUnit.SECONDS)).hasSize(50).allSatisfy(rows ->
              assertThat(rows).containsExactlyElementsOf(expected));
        }
      } finally {
        threads.shutdownNow();
      }
    }
  }
}
