package io.xsql.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.xsql.spi.Column;
import io.xsql.spi.DataTable;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.TypeKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Cancel and timeout stop reads, also reads blocked in a source, and leave the statement reusable. */
final class CancelTest {

  /** A source whose first row never comes unless the query is canceled, which it notices. */
  static final class Blocking implements DataTable {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch interrupted = new CountDownLatch(1);

    @Override
    public List<Column> columns() {
      return List.of(Column.of("x", TypeKind.INTEGER));
    }

    @Override
    public RowCursor scan(ScanRequest request) {
      AutoCloseable registration = request.context().onCancel(interrupted::countDown);
      return new RowCursor() {
        @Override
        public boolean next() {
          started.countDown();
          try {
            if (!interrupted.await(30, TimeUnit.SECONDS)) {
              throw new IllegalStateException("never interrupted");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          throw new IllegalStateException("interrupted while waiting");
        }

        @Override
        public Object[] current() {
          throw new IllegalStateException();
        }

        @Override
        public void close() {
          try {
            registration.close();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      };
    }
  }

  @Test
  void cancelReachesASourceBlockedOnIo() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:xsql:")) {
      Blocking blocking = new Blocking();
      c.unwrap(XsqlConnection.class).register("slow", blocking);
      Statement s = c.createStatement();
      Thread canceller = new Thread(() -> {
        try {
          blocking.started.await();
          s.cancel();
        } catch (InterruptedException | SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      canceller.start();
      assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
          assertThatThrownBy(() -> Fixtures.rows(s.executeQuery("SELECT x FROM slow")))
              .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014")));
      canceller.join();
      assertThat(blocking.interrupted.getCount()).isZero();
      c.unwrap(XsqlConnection.class).register("ones", List.of(Map.of("y", 1)));
      assertThat(Fixtures.rows(s.executeQuery("SELECT y FROM ones"))).containsExactly("1");
    }
  }

  /** A table whose columns take long to work out, as a remote source's metadata might. */
  static final class SlowToPlan implements DataTable {
    volatile boolean slow;

    @Override
    public List<Column> columns() {
      if (slow) {
        try {
          Thread.sleep(1500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return List.of(Column.of("x", TypeKind.INTEGER));
    }

    @Override
    public RowCursor scan(ScanRequest request) {
      return RowCursor.of(List.of(new Object[] {1}, new Object[] {2}).iterator());
    }
  }

  @Test
  void theTimeoutCoversPlanning() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:xsql:"); Statement s = c.createStatement()) {
      SlowToPlan table = new SlowToPlan();
      c.unwrap(XsqlConnection.class).register("slow_plan", table);
      table.slow = true;
      s.setQueryTimeout(1);
      assertThatThrownBy(() -> Fixtures.rows(s.executeQuery("SELECT x FROM slow_plan")))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("HYT00"));
    }
  }

  @Test
  void aQueryTimeoutStopsAnEndlessSource() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:xsql:")) {
      c.unwrap(XsqlConnection.class).registerMaps("endless", () -> Stream.generate(() -> Map.of("v", 1)));
      try (Statement s = c.createStatement()) {
        s.setQueryTimeout(1);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
            assertThatThrownBy(() -> s.executeQuery("SELECT SUM(v) FROM endless"))
                .isInstanceOfSatisfying(SQLTimeoutException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("HYT00"))
                .hasMessageContaining("timed out after 1.0 s"));
        s.setQueryTimeout(0);
        try (ResultSet rs = s.executeQuery("SELECT v FROM endless LIMIT 3")) {
          assertThat(Fixtures.rows(rs)).containsExactly("1", "1", "1");
        }
      }
    }
  }
}
