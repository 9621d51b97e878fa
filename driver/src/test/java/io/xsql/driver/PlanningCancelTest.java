package io.xsql.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.spi.XsqlRuleConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cancel, timeout and the planning budget stop a statement while it plans. A rule that sleeps on every
 * match makes planning take minutes (as Calcite's join search did on TPC-H Q5) whatever the planner's
 * speed; it is added for the test's thread only.
 */
@Timeout(60) // on the test's own thread, where the slow rule is
final class PlanningCancelTest {
  /** Planning with the slow rule takes at least this long unless something stops it. */
  private static final Duration ENDLESS = Duration.ofSeconds(60);

  private final CountDownLatch planning = new CountDownLatch(1);

  private Hook.Closeable slowPlanning() {
    RelRule<XsqlRuleConfig> slow = new RelRule<>(new XsqlRuleConfig(RelFactories.LOGICAL_BUILDER, "Slow",
        b -> b.operand(RelNode.class).anyInputs(), null)) {
      @Override
      public void onMatch(RelOptRuleCall call) {
        planning.countDown();
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    // Every match sleeps; the query below has far more than 600 matches to sleep through.
    return Hook.PLANNER.addThread((Consumer<RelOptPlanner>) p -> p.addRule(slow));
  }

  private static Connection connect(String settings) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:xsql:" + settings);
    c.unwrap(XsqlConnection.class).register("t", List.of(Map.of("a", 1, "b", 2), Map.of("a", 2, "b", 1)));
    return c;
  }

  private static String join() {
    return "SELECT count(*) FROM t t0 JOIN t t1 ON t1.a = t0.b JOIN t t2 ON t2.a = t1.b JOIN t t3 ON t3.a = t2.b "
        + "JOIN t t4 ON t4.a = t3.b WHERE t0.a IN (SELECT b FROM t WHERE a > 0)";
  }

  @Test
  void cancelStopsPlanningWithoutWaitingForIt() throws Exception {
    try (Connection c = connect(""); Statement s = c.createStatement();
        Hook.Closeable slow = slowPlanning()) {
      long[] cancelTook = new long[1];
      Thread canceller = new Thread(() -> {
        try {
          planning.await(ENDLESS.toSeconds(), TimeUnit.SECONDS);
          long start = System.nanoTime();
          s.cancel();
          cancelTook[0] = System.nanoTime() - start;
        } catch (InterruptedException | SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      canceller.start();
      assertThatThrownBy(() -> s.executeQuery(join()))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
      canceller.join();
      // Avatica's cancel would have waited for planning to end, holding the statement's lock.
      assertThat(Duration.ofNanos(cancelTook[0])).isLessThan(Duration.ofSeconds(1));
      slow.close();
      assertThat(Fixtures.rows(s.executeQuery("SELECT count(*) FROM t"))).containsExactly("2");
    }
  }

  @Test
  void theQueryTimeoutStopsPlanning() throws Exception {
    try (Connection c = connect(""); Statement s = c.createStatement(); Hook.Closeable slow = slowPlanning()) {
      s.setQueryTimeout(1);
      assertThatThrownBy(() -> s.executeQuery(join()))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("HYT00"));
    }
  }

  @Test
  void planningPastItsBudgetFailsClearly() throws Exception {
    try (Connection c = connect("planningTimeout=0.5"); Hook.Closeable slow = slowPlanning()) {
      try (Statement s = c.createStatement()) {
        assertThatThrownBy(() -> s.executeQuery(join()))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("54001"))
            .hasMessageContaining("planning the query took longer than 0.5 s")
            .hasMessageContaining("planningTimeout");
      }
      assertThatThrownBy(() -> c.prepareStatement(join()))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("54001"));
      slow.close();
      try (PreparedStatement ps = c.prepareStatement(join())) {
        assertThat(Fixtures.rows(ps.executeQuery())).hasSize(1);
      }
    }
  }

  @Test
  void aBadBudgetFailsTheConnection() {
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:xsql:planningTimeout=soon"))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
        .hasMessageContaining("planningTimeout must be a positive number of seconds, not 'soon'");
  }
}
