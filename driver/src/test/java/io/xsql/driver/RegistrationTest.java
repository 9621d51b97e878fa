package io.xsql.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.spi.Column;
import io.xsql.spi.DataTable;
import io.xsql.spi.FilterOp;
import io.xsql.spi.Predicate;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SortOrder;
import io.xsql.spi.TypeKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** In-process data as tables: maps, records, beans, streams and hand-written sources. */
final class RegistrationTest {
  record City(String name, int population) {}

  private Connection c;
  private XsqlConnection xc;

  @BeforeEach
  void connect() throws SQLException {
    c = DriverManager.getConnection("jdbc:xsql:");
    xc = c.unwrap(XsqlConnection.class);
  }

  @AfterEach
  void close() throws SQLException {
    c.close();
  }

  @Test
  void mapsRecordsAndStreamsBecomeTables() throws SQLException {
    xc.register("m", List.of(Map.of("k", 1, "v", "one"), Map.of("k", 2, "v", "two")));
    xc.register("cities", City.class, List.of(new City("Lyon", 516_092), new City("Nice", 342_669)));
    AtomicInteger opened = new AtomicInteger();
    xc.register("numbers", City.class, () -> {
      opened.incrementAndGet();
      return IntStream.range(0, 5).mapToObj(i -> new City("c" + i, i));
    });
    assertThat(Fixtures.rows(c, "SELECT v FROM m WHERE k = 2")).containsExactly("two");
    assertThat(Fixtures.rows(c, "SELECT name FROM cities ORDER BY population")).containsExactly("Nice", "Lyon");
    assertThat(Fixtures.rows(c, "SELECT SUM(population) FROM numbers")).containsExactly("10");
    assertThat(Fixtures.rows(c, "SELECT COUNT(*) FROM numbers")).containsExactly("5");
    assertThat(opened).hasValue(2);
  }

  @Test
  void aStreamOfMapsIsSampledOnceAndReadPerQuery() throws SQLException {
    AtomicInteger opened = new AtomicInteger();
    xc.registerMaps("s", () -> {
      opened.incrementAndGet();
      return Stream.of(Map.of("x", 1), Map.of("x", 2));
    });
    assertThat(Fixtures.rows(c, "SELECT MAX(x) FROM s")).containsExactly("2");
    assertThat(opened).hasValue(2);
  }

  @Test
  void namesAreUniqueAndRegistrationsCanBeRemoved() throws SQLException {
    xc.register("m", List.of(Map.of("k", 1)));
    assertThatThrownBy(() -> xc.register("m", List.of(Map.of("k", 1))))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42S01"));
    assertThat(xc.unregister("m")).isTrue();
    assertThat(xc.unregister("m")).isFalse();
    assertThatThrownBy(() -> Fixtures.rows(c, "SELECT * FROM m")).isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> xc.register("e", List.of())).isInstanceOfSatisfying(SQLException.class,
        e -> assertThat(e.getMessage()).contains("cannot infer columns"));
    xc.register("Prices", List.of(Map.of("k", 1)));
    assertThatThrownBy(() -> xc.register("PRICES", List.of(Map.of("k", 2))))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42S01"))
        .hasMessageContaining("case-insensitively");
    assertThatThrownBy(() -> xc.registerMaps("broken", () -> {
      throw new IllegalStateException("boom");
    })).isInstanceOf(SQLException.class).hasMessageContaining("boom");
    assertThatThrownBy(() -> xc.register("n", (DataTable) null)).isInstanceOf(SQLException.class);
  }

  /** A source written against the spi: it evaluates equality itself and declares its order. */
  static final class Squares implements DataTable {
    final List<ScanRequest> requests = new ArrayList<>();

    @Override
    public List<Column> columns() {
      return List.of(Column.of("n", TypeKind.INTEGER), Column.of("square", TypeKind.BIGINT));
    }

    @Override
    public boolean canFilter(int column, FilterOp op) {
      return column == 0 && op == FilterOp.EQ;
    }

    @Override
    public Optional<SortOrder> sortOrder() {
      return Optional.of(new SortOrder(List.of(new SortOrder.Key(0, false))));
    }

    @Override
    public RowCursor scan(ScanRequest request) {
      requests.add(request);
      int[] wanted = request.columnArray();
      return RowCursor.of(IntStream.rangeClosed(1, 100)
          .filter(n -> request.filters().stream().allMatch(p -> p.test(c -> c == 0 ? (Object) n : (Object) ((long) n * n))))
          .mapToObj(n -> {
            Object[] row = new Object[wanted.length];
            for (int i = 0; i < wanted.length; i++) {
              row[i] = wanted[i] == 0 ? (Object) n : (Object) ((long) n * n);
            }
            return row;
          }).iterator());
    }
  }

  @Test
  void aHandWrittenSourceGetsTheFiltersItAcceptsAndOnlyThose() throws SQLException {
    Squares squares = new Squares();
    xc.register("squares", squares);
    assertThat(Fixtures.rows(c, "SELECT square FROM squares WHERE n = 12 AND square > 100")).containsExactly("144");
    ScanRequest request = squares.requests.get(0);
    assertThat(request.filters()).containsExactly(new Predicate.Compare(0, FilterOp.EQ, 12));
    assertThat(request.columns()).containsExactly(1);
    String plan = String.join("\n", Fixtures.rows(c, "EXPLAIN PLAN FOR SELECT n FROM squares ORDER BY n"));
    assertThat(plan).doesNotContain("Sort");
  }
}
