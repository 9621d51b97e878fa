package io.xsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsql.spi.ScanContext;
import io.xsql.spi.SourceActivity;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

final class JdbcResultSetTest {
  private static final JdbcConfig CONFIG = new JdbcConfig("db", JdbcKind.POSTGRES, "jdbc:test",
      Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(), 100,
      new JdbcConfig.PoolSettings(1, 0, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(5),
          Map.of()));

  private final List<String> calls = new ArrayList<>();
  private final Counter activity = new Counter();

  /** A database's result set of two rows whose every call is recorded. */
  private final ResultSet database = (ResultSet) Proxy.newProxyInstance(getClass().getClassLoader(),
      new Class<?>[] {ResultSet.class}, (proxy, method, args) -> {
        calls.add(method.getName());
        return switch (method.getName()) {
          case "next" -> calls.stream().filter("next"::equals).count() <= 2;
          case "getString" -> "text";
          case "unwrap" -> "the driver's";
          default -> null;
        };
      });

  @Test
  void countsRowsOnceAtTheEndAndForwardsTheRest() throws Exception {
    Statement guarded = proxy(Statement.class);
    ResultSet rows = new JdbcResultSet(database, CONFIG, ScanContext.detached(), guarded, activity);
    while (rows.next()) {
      assertThat(rows.getString(1)).isEqualTo("text");
    }
    rows.close();
    assertThat(activity.calls).isEqualTo(1);
    assertThat(activity.rowUpdates).containsExactly(2L, 0L);
    assertThat(rows.getStatement()).isSameAs(guarded);
    assertThat(calls).containsExactly("next", "getString", "next", "getString", "next", "close");
  }

  @Test
  void answersForItselfBeforeTheDatabasesResultSet() throws Exception {
    ResultSet rows = new JdbcResultSet(database, CONFIG, ScanContext.detached(), proxy(Statement.class),
        activity);
    assertThat(rows.isWrapperFor(JdbcResultSet.class)).isTrue();
    assertThat(rows.unwrap(JdbcResultSet.class)).isSameAs(rows);
    assertThat(rows.unwrap(Object.class)).isSameAs(rows);
    assertThat(rows.unwrap(CharSequence.class)).isEqualTo("the driver's");
  }

  /**
   * A canceled query stops reading within a thousand rows, even where the database ignores the cancel (it
   * came between two fetches) and would hand over every row.
   */
  @Test
  void stopsReadingOnceTheQueryIsCanceled() throws Exception {
    AtomicBoolean canceled = new AtomicBoolean();
    ResultSet endless = (ResultSet) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {ResultSet.class}, (proxy, method, args) -> method.getName().equals("next") ? true : null);
    ResultSet rows = new JdbcResultSet(endless, CONFIG, new ScanContext() {
      @Override
      public boolean isCanceled() {
        return canceled.get();
      }

      @Override
      public AutoCloseable onCancel(Runnable action) {
        return () -> { };
      }

      @Override
      public void warn(String message) {
        // none expected
      }
    }, proxy(Statement.class), activity);
    assertThat(rows.next()).isTrue();
    canceled.set(true);
    int read = 0;
    try {
      while (rows.next() && read < 100_000) {
        read++;
      }
    } catch (SQLException e) {
      assertThat(e.getSQLState()).isEqualTo("57014");
      assertThat(e.getMessage()).contains("source 'db'");
    }
    assertThat(read).isLessThan(1024);
  }

  private static <T> T proxy(Class<T> type) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> null));
  }

  private static final class Counter implements SourceActivity {
    long calls;
    final List<Long> rowUpdates = new ArrayList<>();

    @Override
    public void calls(long n) {
      calls += n;
    }

    @Override
    public void rows(long n) {
      rowUpdates.add(n);
    }

    @Override
    public void details(Supplier<String> text) {
      // Not asked of a result set.
    }
  }
}
