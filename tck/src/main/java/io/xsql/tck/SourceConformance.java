package io.xsql.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every source must do, checked against H2 holding the same data. A source's conformance test
 * extends this class in one line, naming its {@link SourceFixture}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SourceConformance {
  private static final String TABLE = "t";

  private final SourceFixture fixture;
  private final Dataset data = Dataset.standard();
  private Path dir;
  private Connection xsql;
  private Reference reference;

  protected SourceConformance(SourceFixture fixture) {
    this.fixture = fixture;
  }

  @BeforeAll
  void load() throws SQLException, IOException {
    dir = Files.createTempDirectory("xsql-tck");
    xsql = fixture.connect(data, TABLE, dir);
    reference = Reference.load(data, TABLE);
  }

  @AfterAll
  void close() throws SQLException, IOException {
    try {
      xsql.close();
      reference.close();
    } finally {
      // Also when loading failed: a server the fixture started must not outlive the test class.
      fixture.close();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private void assertSameRows(String sql) throws SQLException {
    assertThat(Rows.of(xsql, sql)).as(sql)
        .containsExactlyInAnyOrderElementsOf(Rows.of(reference.connection(), sql));
  }

  @Test
  void scanReturnsEveryRowAndValue() throws SQLException {
    assertSameRows("SELECT * FROM t");
    assertThat(Rows.of(xsql, "SELECT * FROM t")).hasSize(data.rows().size());
  }

  @Test
  void columnsHaveTheirTypesAndNames() throws SQLException {
    try (ResultSet rs = xsql.createStatement().executeQuery("SELECT * FROM t")) {
      ResultSetMetaData md = rs.getMetaData();
      assertThat(md.getColumnCount()).isEqualTo(data.columns().size());
      List<Integer> expected = List.of(Types.INTEGER, Types.VARCHAR, Types.DOUBLE, Types.BIGINT,
          Types.DECIMAL, Types.BOOLEAN, Types.DATE, Types.TIMESTAMP);
      for (int i = 1; i <= md.getColumnCount(); i++) {
        assertThat(md.getColumnLabel(i)).isEqualTo(data.names().get(i - 1));
        assertThat(md.getColumnType(i)).as(md.getColumnLabel(i)).isEqualTo(expected.get(i - 1));
      }
    }
  }

  @Test
  void nullsReadAsNull() throws SQLException {
    for (String column : data.names()) {
      String sql = "SELECT id, " + column + " FROM t WHERE " + column + " IS NULL";
      assertSameRows(sql);
      assertThat(Rows.of(xsql, sql)).as(sql).isNotEmpty().allMatch(row -> row.endsWith("| NULL"));
    }
  }

  @Test
  void projectionsReturnTheSameValuesAsAFullScan() throws SQLException {
    assertSameRows("SELECT name, id FROM t");
    assertSameRows("SELECT seen, born, price FROM t");
    assertSameRows("SELECT COUNT(*) FROM t");
    assertSameRows("SELECT COUNT(*), COUNT(name), COUNT(DISTINCT active) FROM t");
  }

  static Stream<String> predicates() {
    return Stream.of("id = 3", "id <> 3", "id > 5", "id <= 2", "id IN (1, 2, 99)", "id BETWEEN 3 AND 8",
        "name = 'O''Brien'", "name > 'M'", "name = ''", "name = 'Zoë 東京'", "name IS NULL",
        "name LIKE '%i%'", "name = 'percent % under_score'", "name = 'back\\slash'",
        "amount >= 1.5", "amount < 0", "amount = 1e10", "big < 3000000000", "big = 9007199254740993",
        "price = 19.99", "price > 100", "active = TRUE", "active", "NOT active", "active IS NOT NULL",
        "born < DATE '2000-01-01'", "born = DATE '2024-02-29'", "seen >= TIMESTAMP '2020-01-01 00:00:00'",
        "id = 1 OR name = 'Mia'", "id IN (1, 2) OR price IS NULL", "name > 'A' AND amount > 1 AND big > 8",
        "id > 2.5", "UPPER(name) = 'MIA'", "name NOT LIKE 'M%'", "name LIKE '_ia'", "name LIKE '%東京'",
        "name LIKE 'O''B%'", "name LIKE 'percent !% under!_score' ESCAPE '!'", "name LIKE '%\\%' ESCAPE '!'",
        "name LIKE 'line%break'", "name NOT LIKE '%'", "name LIKE ''");
  }

  @ParameterizedTest
  @MethodSource("predicates")
  void filtersReturnWhatTheReferenceReturns(String predicate) throws SQLException {
    assertSameRows("SELECT * FROM t WHERE " + predicate);
    assertSameRows("SELECT name FROM t WHERE " + predicate);
  }

  @Test
  void filterPushdownIsWhatTheSourceDeclares() throws SQLException {
    String plan = String.join("\n", Rows.of(xsql, "EXPLAIN PLAN FOR SELECT name FROM t WHERE id = 3"));
    if (fixture.pushesFilters()) {
      assertThat(plan).contains(fixture.pushedFilter()).doesNotContain("EnumerableCalc");
    } else {
      assertThat(plan).doesNotContain("filters=");
    }
  }

  @Test
  void orderAndLimitWork() throws SQLException {
    String sql = "SELECT id, name FROM t ORDER BY id NULLS LAST LIMIT 3";
    assertThat(Rows.of(xsql, sql)).containsExactlyElementsOf(Rows.of(reference.connection(), sql));
    assertThat(Rows.of(xsql, "SELECT * FROM t LIMIT 4")).hasSize(4);
  }

  @Test
  void aggregatesMatchTheReference() throws SQLException {
    assertSameRows("SELECT active, COUNT(*), SUM(price), SUM(big), MIN(born), MAX(seen), AVG(id), AVG(amount)"
        + " FROM t GROUP BY active");
    // Shapes a source may compute itself: plain COUNT, SUM, MIN and MAX, grouped, global, over no rows.
    assertSameRows("SELECT active, COUNT(*), COUNT(name), SUM(big), SUM(id), MIN(amount), MAX(amount), MAX(seen)"
        + " FROM t GROUP BY active");
    assertSameRows("SELECT name, COUNT(*), MIN(id) FROM t WHERE id > 2 GROUP BY name");
    assertSameRows("SELECT COUNT(*), COUNT(amount), SUM(id), MIN(seen) FROM t");
    assertSameRows("SELECT COUNT(*), SUM(id), MAX(amount) FROM t WHERE id > 100");
    assertSameRows("SELECT big, COUNT(*) FROM t WHERE id > 100 GROUP BY big");
  }

  @Test
  void unknownColumnsAndTablesFailWithTheirSqlState() {
    assertThatThrownBy(() -> Rows.of(xsql, "SELECT nosuch FROM t"))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42S22"));
    assertThatThrownBy(() -> Rows.of(xsql, "SELECT * FROM nosuch"))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42S02"));
  }

  @Test
  void malformedDataFailsWithADataSqlStateNamingTheSource() throws SQLException {
    Optional<Connection> broken = fixture.connectBroken("broken", dir);
    Assumptions.assumeTrue(broken.isPresent(), "this kind of source cannot hold malformed data");
    try (Connection c = broken.get()) {
      assertThatThrownBy(() -> Rows.of(c, "SELECT id, name FROM broken"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("22"))
          .hasMessageContaining("source 'broken'").hasMessageContaining("abc");
    }
  }
}
