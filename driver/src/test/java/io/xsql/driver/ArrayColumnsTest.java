package io.xsql.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.spi.Aggregation;
import io.xsql.spi.Column;
import io.xsql.spi.ColumnType;
import io.xsql.spi.DataTable;
import io.xsql.spi.FilterOp;
import io.xsql.spi.KeyLookup;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SortOrder;
import io.xsql.spi.TypeKind;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ARRAY columns through JDBC: metadata, {@link Array} values, and what sources are (never) asked. */
final class ArrayColumnsTest {
  /** A post: tags and days are ARRAY columns. */
  public record Post(int id, List<String> tags, List<LocalDate> days) {}

  private static final List<Post> POSTS = List.of(
      new Post(1, Arrays.asList("a", null), List.of(LocalDate.of(2024, 2, 29))),
      new Post(2, List.of(), List.of()),
      new Post(3, null, null));

  private Connection connection;

  @BeforeEach
  void connect() throws SQLException {
    // A zone far from UTC: dates inside arrays must not shift.
    connection = DriverManager.getConnection("jdbc:xsql:timeZone=Asia/Tokyo");
    connection.unwrap(XsqlConnection.class).register("posts", Post.class, POSTS);
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @Test
  void metadataNamesTheArrayAndItsElementType() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT tags, days, tags[1] FROM posts")) {
      ResultSetMetaData md = rs.getMetaData();
      assertThat(md.getColumnType(1)).isEqualTo(Types.ARRAY);
      assertThat(md.getColumnTypeName(1)).isEqualTo("VARCHAR ARRAY");
      assertThat(md.getColumnClassName(1)).isEqualTo(Array.class.getName());
      assertThat(md.getColumnTypeName(2)).isEqualTo("DATE ARRAY");
      assertThat(md.getColumnType(3)).isEqualTo(Types.VARCHAR);
    }
    DatabaseMetaData md = connection.getMetaData();
    List<String> columns = new ArrayList<>();
    try (ResultSet rs = md.getColumns(null, null, "posts", null)) {
      while (rs.next()) {
        columns.add(rs.getString("COLUMN_NAME") + " " + rs.getInt("DATA_TYPE") + " " + rs.getString("TYPE_NAME"));
      }
    }
    assertThat(columns).containsExactly("id 4 INTEGER", "tags 2003 VARCHAR ARRAY", "days 2003 DATE ARRAY");
  }

  @Test
  void anArrayComesBackAsAJdbcArray() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT tags, days, days[1] FROM posts ORDER BY id")) {
      rs.next();
      Array tags = rs.getArray(1);
      assertThat(tags.getBaseType()).isEqualTo(Types.VARCHAR);
      assertThat((Object[]) tags.getArray()).containsExactly("a", null);
      assertThat(rs.getObject(1)).isInstanceOf(Array.class);
      assertThat(rs.getObject("tags")).isInstanceOf(Array.class);
      assertThat((Object[]) rs.getArray("days").getArray()).containsExactly(rs.getDate(3));
      assertThat(rs.getString("tags")).isEqualTo("[a, null]");
      assertThat(rs.getString(2)).isEqualTo("[" + rs.getString(3) + "]").isEqualTo("[2024-02-29]");
      rs.next();
      assertThat((Object[]) rs.getArray(1).getArray()).isEmpty();
      rs.next();
      assertThat(rs.getArray(1)).isNull();
      assertThat(rs.wasNull()).isTrue();
      assertThat(rs.getObject("tags")).isNull();
    }
  }

  @Test
  void anArraysRowsHoldIndexAndValueReadAsColumnsOfTheirType() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT tags, days, days[1] FROM posts WHERE id = 1")) {
      rs.next();
      List<String> tags = new ArrayList<>();
      try (ResultSet elements = rs.getArray(1).getResultSet()) {
        assertThat(elements.getMetaData().getColumnCount()).isEqualTo(2);
        while (elements.next()) {
          tags.add(elements.getInt(1) + ":" + elements.getString(2));
        }
      }
      assertThat(tags).containsExactly("1:a", "2:null");
      try (ResultSet days = rs.getArray(2).getResultSet()) {
        days.next();
        assertThat(days.getDate(2)).isEqualTo(rs.getDate(3));
        assertThat(days.getString(2)).isEqualTo(rs.getString(3)).isEqualTo("2024-02-29");
      }
    }
  }

  @Test
  void noSourceIsAskedToSortOrAggregateAnArray() throws SQLException {
    ProbeTable probe = new ProbeTable();
    connection.unwrap(XsqlConnection.class).register("probe", probe);
    assertThat(Fixtures.rows(connection, "SELECT id FROM probe ORDER BY tags DESC NULLS LAST LIMIT 2"))
        .containsExactly("2", "1");
    assertThat(Fixtures.rows(connection, "SELECT id FROM probe ORDER BY id DESC LIMIT 1")).containsExactly("4");
    assertThat(Fixtures.rows(connection, "SELECT tags, COUNT(*) FROM probe WHERE id < 3 GROUP BY tags"))
        .containsExactlyInAnyOrder("[a, b]|1", "[x]|1");
    assertThat(Fixtures.rows(connection, "SELECT COUNT(tags), MAX(id) FROM probe")).containsExactly("3|4");
    assertThat(Fixtures.rows(connection, "SELECT id, COUNT(*) FROM probe GROUP BY id HAVING id = 1"))
        .containsExactly("1|1");
    assertThat(probe.sortColumns).isNotEmpty().doesNotContain(1);
    assertThat(probe.aggregateColumns).isNotEmpty().doesNotContain(1);
  }

  @Test
  void noSourceIsAskedToFilterOrLookUpByAnArray() throws SQLException {
    ProbeTable probe = new ProbeTable();
    XsqlConnection xsql = connection.unwrap(XsqlConnection.class);
    xsql.register("probe", probe);
    assertThat(Fixtures.rows(connection, "SELECT id FROM probe WHERE tags IS NULL OR tags = ARRAY['x']"))
        .containsExactlyInAnyOrder("2", "4");
    assertThat(Fixtures.rows(connection, "SELECT id FROM probe WHERE id > 1 AND tags IS NOT NULL"))
        .containsExactlyInAnyOrder("2", "3");
    assertThat(Fixtures.rows(connection, "SELECT p.id, q.id FROM posts p JOIN probe q ON q.tags = p.tags"))
        .containsExactly("2|3");
    assertThat(Fixtures.rows(connection, "SELECT q.id, q.tags FROM posts p JOIN probe q ON q.id = p.id "
        + "ORDER BY q.id")).containsExactly("1|[a, b]", "2|[x]", "3|[]");
    assertThatThrownBy(() -> Fixtures.rows(connection,
        "SELECT /*+ LOOKUP_JOIN(probe) */ p.id FROM posts p JOIN probe q ON q.tags = p.tags"))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"));
    assertThat(probe.filterColumns).isNotEmpty().doesNotContain(1);
    assertThat(probe.lookupColumns).containsOnly(List.of(0));
  }

  /**
   * A table that filters and looks up by any column, remembering which it was asked about, and that is
   * asked, but declines, to sort and aggregate.
   */
  private static final class ProbeTable implements DataTable, KeyLookup {
    private final List<Object[]> rows = List.of(new Object[] {1, List.of("a", "b")},
        new Object[] {2, List.of("x")}, new Object[] {3, List.of()}, new Object[] {4, null});
    final List<Integer> filterColumns = new ArrayList<>();
    final List<List<Integer>> lookupColumns = new ArrayList<>();
    final List<Integer> sortColumns = new ArrayList<>();
    final List<Integer> aggregateColumns = new ArrayList<>();

    @Override
    public List<Column> columns() {
      return List.of(Column.of("id", TypeKind.INTEGER),
          new Column("tags", ColumnType.array(ColumnType.of(TypeKind.VARCHAR)), true));
    }

    @Override
    public boolean canFilter(int column, FilterOp op) {
      filterColumns.add(column);
      return true;
    }

    @Override
    public boolean canLimit() {
      return true;
    }

    @Override
    public boolean canSort(SortOrder order) {
      order.keys().forEach(k -> sortColumns.add(k.column()));
      return false;
    }

    @Override
    public boolean canAggregate(Aggregation aggregation) {
      aggregateColumns.addAll(aggregation.groupBy());
      aggregation.calls().forEach(c -> c.column().ifPresent(aggregateColumns::add));
      return false;
    }

    @Override
    public OptionalLong estimatedRowCount() {
      return OptionalLong.of(1_000_000);
    }

    @Override
    public Optional<KeyLookup> keyLookup() {
      return Optional.of(this);
    }

    @Override
    public boolean supports(List<Integer> keyColumns) {
      lookupColumns.add(keyColumns);
      return true;
    }

    @Override
    public int maxBatchSize() {
      return 100;
    }

    @Override
    public RowCursor lookup(List<Integer> keyColumns, List<List<Object>> keys, ScanRequest request) {
      return scan(request);
    }

    @Override
    public RowCursor scan(ScanRequest request) {
      int[] wanted = request.columnArray();
      return RowCursor.of(rows.stream().filter(r -> request.filters().stream().allMatch(p -> p.test(c -> r[c])))
          .limit(request.limit().orElse(Long.MAX_VALUE))
          .map(r -> Arrays.stream(wanted).mapToObj(c -> r[c]).toArray()).iterator());
    }
  }
}
