package io.xsql.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import io.xsql.spi.Column;
import io.xsql.spi.ColumnType;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.SortOrder;
import io.xsql.spi.SourceException;
import io.xsql.spi.TypeKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scan, its rules and its runtime, through a plain Calcite connection. */
final class XsqlTableScanTest {
  private static final List<Column> COLUMNS = List.of(
      Column.of("id", TypeKind.INTEGER), Column.of("name", TypeKind.VARCHAR),
      Column.of("score", TypeKind.DOUBLE), Column.of("team", TypeKind.VARCHAR));

  private Connection connection;
  private SchemaPlus schema;

  @BeforeEach
  void connect() throws SQLException {
    connection = DriverManager.getConnection("jdbc:calcite:lex=JAVA");
    schema = connection.unwrap(CalciteConnection.class).getRootSchema();
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  private static List<Object[]> rows() {
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {1, "ann", 9.5, "red"});
    rows.add(new Object[] {2, "bob", null, "blue"});
    rows.add(new Object[] {3, "cid", 7.0, null});
    rows.add(new Object[] {4, "dee", 8.25, "red"});
    rows.add(new Object[] {5, null, 6.0, "blue"});
    return rows;
  }

  private ListTable add(String name, ListTable table) {
    schema.add(name, new XsqlTable(name, table));
    return table;
  }

  private List<String> query(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          b.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(b.toString());
      }
    }
    return out;
  }

  private String plan(String sql) throws SQLException {
    return String.join("\n", query("explain plan for " + sql));
  }

  @Test
  void asksForOnlyTheColumnsTheQueryUses() throws SQLException {
    ListTable t = add("t", new ListTable(COLUMNS, rows(), false, Optional.empty()));
    assertThat(query("select name, id from t where id > 3")).containsExactly("dee|4", "null|5");
    assertThat(t.requests.get(0).columns()).containsExactly(0, 1);
    assertThat(plan("select upper(name) from t")).contains("columns=[[name]]");
  }

  @Test
  void countStarReadsNoColumn() throws SQLException {
    ListTable t = add("t", new ListTable(COLUMNS, rows(), true, Optional.empty()));
    assertThat(query("select count(*) from t")).containsExactly("5");
    assertThat(t.requests.get(0).columns()).isEmpty();
    assertThat(query("select count(*) from t where team = 'red'")).containsExactly("2");
  }

  @Test
  void pushedFiltersReturnWhatTheEngineWouldReturn() throws SQLException {
    ListTable pushing = add("pushing", new ListTable(COLUMNS, rows(), true, Optional.empty()));
    add("plain", pushing.plain());
    for (String where : List.of("id = 3", "id <> 3", "score >= 8.25", "score < 8", "team is null",
        "team is not null", "team in ('red', 'green')", "id between 2 and 4", "id = 2 or team = 'red'",
        "name > 'bob' and score > 6.5", "id in (1, 5) or score is null", "id > 2.5", "score = 7",
        "name like 'c%'", "not (id = 1)", "id >= 3 and id < 3")) {
      assertThat(query("select * from pushing where " + where)).as(where)
          .containsExactlyInAnyOrderElementsOf(query("select * from plain where " + where));
    }
    assertThat(plan("select * from pushing where team in ('red', 'green') and id > 1"))
        .contains("team IN ('green', 'red')").contains("id > 1").doesNotContain("EnumerableCalc");
  }

  @Test
  void comparisonsThatDoNotConvertExactlyStayWithTheEngine() throws SQLException {
    add("t", new ListTable(COLUMNS, rows(), true, Optional.empty()));
    assertThat(plan("select * from t where id > 2.5")).doesNotContain("filters=");
    assertThat(query("select id from t where id > 2.5")).containsExactly("3", "4", "5");
  }

  @Test
  void parametersAreBoundWhenTheQueryRuns() throws SQLException {
    ListTable t = add("t", new ListTable(COLUMNS, rows(), true, Optional.empty()));
    try (PreparedStatement ps = connection.prepareStatement("select name from t where id = ?")) {
      ps.setInt(1, 4);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("dee");
        assertThat(rs.next()).isFalse();
      }
      ps.setNull(1, java.sql.Types.INTEGER);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isFalse();
      }
    }
    assertThat(t.requests.get(0).filters()).hasSize(1);
  }

  @Test
  void orderByOverAPrunedSortedScanIsStillSorted() throws SQLException {
    List<Object[]> sorted = rows();
    sorted.remove(4);
    sorted.add(0, new Object[] {0, "zed", 1.0, "red"});
    add("t", new ListTable(COLUMNS, sorted, false,
        Optional.of(new SortOrder(List.of(new SortOrder.Key(0, false))))));
    // The sort key is not selected: the scan must not claim an order on 'name'.
    assertThat(query("select name from t order by name")).containsExactly("ann", "bob", "cid", "dee", "zed");
    assertThat(plan("select id, name from t order by id")).doesNotContain("Sort");
    assertThat(query("select id from t order by id")).containsExactly("0", "1", "2", "3", "4");
  }

  private static SortOrder byId() {
    return new SortOrder(List.of(new SortOrder.Key(0, false)));
  }

  private static void failsOnOrder(ThrowingCallable query, String message) {
    assertThatThrownBy(query).hasCauseInstanceOf(SourceException.class)
        .satisfies(e -> assertThat(((SourceException) e.getCause()).code()).isEqualTo(ErrorCode.DATA_ORDER))
        .hasMessageContaining(message);
  }

  @Test
  void dataOutOfTheDeclaredOrderFailsInsteadOfReturningWrongRows() {
    List<Object[]> unsorted = rows();
    unsorted.add(2, new Object[] {9, "late", 1.0, "red"});
    add("t", new ListTable(COLUMNS, unsorted, false, Optional.of(byId())));
    failsOnOrder(() -> query("select id, name from t order by id"), "source 't': rows are not in the declared"
        + " order (sorted_by: id): 3 follows 9");
  }

  @Test
  void operatorsThatStopEarlyCannotBeMisledByRowsOutOfOrder() throws SQLException {
    List<Object[]> late = new ArrayList<>();
    late.add(new Object[] {2, "a", 1.0, "x"});
    late.add(new Object[] {3, "b", 1.0, "x"});
    late.add(new Object[] {1, "c", 1.0, "x"});
    add("s", new ListTable(COLUMNS, late, false, Optional.of(byId())));
    failsOnOrder(() -> query("select id from s order by id limit 1"), "1 follows 3");
    List<Object[]> small = new ArrayList<>();
    small.add(new Object[] {1, "x", 1.0, "x"});
    add("r", new ListTable(COLUMNS, small, false, Optional.of(byId())));
    assertThat(plan("select r.id, s.name from r join s on r.id = s.id")).contains("MergeJoin");
    failsOnOrder(() -> query("select r.id, s.name from r join s on r.id = s.id"), "1 follows 3");
  }

  @Test
  void aLimitLetsTheScanStopEarly() throws SQLException {
    ListTable t = add("t", new ListTable(COLUMNS, rows(), true, Optional.empty()));
    assertThat(query("select name from t where team = 'blue' limit 1")).containsExactly("bob");
    assertThat(t.requests.get(0).limit()).hasValue(1);
    assertThat(query("select id from t limit 2 offset 1")).containsExactly("2", "3");
    assertThat(t.requests.get(1).limit()).hasValue(3);
    assertThat(plan("select id from t order by name limit 2")).doesNotContain("limit=");
  }

  @Test
  void anOrReachesOnlyTablesThatEvaluateAlternatives() throws SQLException {
    ListTable plain = add("p", new ListTable(COLUMNS, rows(), false, Optional.empty()));
    assertThat(plan("select * from p where id = 1 or team = 'red'")).doesNotContain("filters=");
    ListTable pushing = add("q", new ListTable(COLUMNS, rows(), true, Optional.empty()));
    try (PreparedStatement ps = connection.prepareStatement("select name from q where id in (?, ?, ?)")) {
      ps.setInt(1, 2);
      ps.setNull(2, java.sql.Types.INTEGER);
      ps.setInt(3, 4);
      try (ResultSet rs = ps.executeQuery()) {
        List<String> names = new ArrayList<>();
        while (rs.next()) {
          names.add(rs.getString(1));
        }
        assertThat(names).containsExactly("bob", "dee");
      }
    }
    assertThat(pushing.requests.get(0).filters()).singleElement().isInstanceOf(io.xsql.spi.Predicate.In.class);
    assertThat(plain.requests).isEmpty();
  }

  @Test
  void noFilterOnAnArrayReachesTheTable() throws SQLException {
    List<Column> columns = List.of(Column.of("id", TypeKind.INTEGER),
        new Column("tags", ColumnType.array(ColumnType.of(TypeKind.VARCHAR)), true));
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {1, List.of("a", "b")});
    rows.add(new Object[] {2, List.of()});
    rows.add(new Object[] {3, null});
    rows.add(new Object[] {4, Arrays.asList("b", null)});
    ListTable t = add("t", new ListTable(columns, rows, true, Optional.empty()));
    add("plain", t.plain());
    for (String where : List.of("tags is null", "tags is not null and id > 1", "tags = array['a', 'b']",
        "tags <> array['a', 'b'] or id = 3", "cardinality(tags) = 2", "tags[1] = 'b'")) {
      assertThat(query("select id from t where " + where)).as(where).isNotEmpty()
          .containsExactlyInAnyOrderElementsOf(query("select id from plain where " + where));
    }
    try (PreparedStatement ps = connection.prepareStatement("select id from t where tags = ? or tags is null")) {
      ps.setArray(1, connection.createArrayOf("VARCHAR", new Object[] {"a", "b"}));
      try (ResultSet rs = ps.executeQuery()) {
        List<Integer> ids = new ArrayList<>();
        while (rs.next()) {
          ids.add(rs.getInt(1));
        }
        assertThat(ids).containsExactlyInAnyOrder(1, 3);
      }
    }
    assertThat(t.requests).allSatisfy(r -> assertThat(r.filters())
        .allSatisfy(p -> assertThat(p.columns().get(1)).as(p.toString()).isFalse()));
    assertThat(t.requests).anySatisfy(r -> assertThat(r.filters()).isNotEmpty());
    assertThat(plan("select id from t where tags is null and id > 1")).contains("filters=[id > 1]");
  }
}
