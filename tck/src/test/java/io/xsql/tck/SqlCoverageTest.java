package io.xsql.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Calcite's SQL end to end through the xsql driver, every result checked against H2: the dataset is a
 * JSON Lines table {@code t} and a CSV table {@code s}, so that joins cross formats.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class SqlCoverageTest {
  @TempDir
  static Path dir;
  private Connection xsql;
  private Reference reference;

  @BeforeAll
  void load() throws SQLException, IOException {
    Dataset data = Dataset.standard();
    Connection csv = FileFixture.csv().connect(data, "s", dir);
    csv.close();
    xsql = FileFixture.jsonl().connect(data, "t", dir);
    xsql.close();
    Path both = dir.resolve("both.yaml");
    Files.writeString(both, Files.readString(dir.resolve("t-catalog.yaml"))
        + Files.readString(dir.resolve("s-catalog.yaml")).replace("sources:\n", ""));
    xsql = DriverManager.getConnection("jdbc:xsql:catalog=" + both);
    reference = Reference.load(data, "t");
    try (Statement st = reference.connection().createStatement()) {
      st.execute("CREATE TABLE \"s\" AS SELECT * FROM \"t\"");
    }
  }

  @AfterAll
  void close() throws SQLException {
    xsql.close();
    reference.close();
  }

  static Stream<String> unordered() {
    return Stream.of(
        "SELECT t.id, s.name FROM t JOIN s ON t.id = s.id",
        "SELECT t.id, s.id FROM t LEFT JOIN s ON t.id = s.id + 5",
        "SELECT t.id, s.id FROM t RIGHT JOIN s ON t.id = s.id + 5",
        "SELECT t.id, s.id FROM t JOIN s ON t.id < s.id AND s.active",
        "SELECT a.id, b.id FROM t a JOIN t b ON a.big = b.big AND a.id <> b.id",
        "SELECT t.name, s.name FROM t JOIN s ON t.born = s.born AND t.seen = s.seen",
        "SELECT t.id FROM t WHERE t.id IN (SELECT id FROM s WHERE price > 10)",
        "SELECT t.id FROM t WHERE EXISTS (SELECT 1 FROM s WHERE s.id = t.id + 1)",
        "SELECT t.id FROM t WHERE NOT EXISTS (SELECT 1 FROM s WHERE s.id = t.id + 1)",
        "SELECT t.id FROM t WHERE t.id NOT IN (SELECT id FROM s WHERE id IS NOT NULL AND id > 4)",
        "SELECT t.id, (SELECT MAX(s.price) FROM s WHERE s.active = t.active) FROM t",
        "SELECT active, COUNT(*), SUM(big), MIN(name), MAX(price) FROM t GROUP BY active",
        "SELECT active, COUNT(*) FROM t GROUP BY active HAVING COUNT(*) > 2",
        "SELECT EXTRACT(YEAR FROM born) y, COUNT(*) FROM t GROUP BY EXTRACT(YEAR FROM born)",
        "SELECT DISTINCT active FROM t",
        "SELECT COUNT(DISTINCT active), COUNT(active), COUNT(*) FROM t",
        "SELECT id FROM t UNION SELECT id FROM s WHERE id > 100",
        "SELECT id FROM t UNION ALL SELECT id FROM s",
        "SELECT id FROM t INTERSECT SELECT id FROM s WHERE id < 5",
        "SELECT id FROM t EXCEPT SELECT id FROM s WHERE id < 5",
        "SELECT id, CASE WHEN price > 100 THEN 'high' WHEN price > 10 THEN 'mid' ELSE 'low' END FROM t",
        "SELECT id, COALESCE(name, 'none'), NULLIF(id, 3) FROM t",
        "SELECT id FROM t WHERE name LIKE 'M_a' OR name LIKE '%,%' OR name NOT LIKE '%a%'",
        "SELECT id FROM t WHERE amount BETWEEN -1 AND 10 AND id NOT BETWEEN 2 AND 3",
        "SELECT id, UPPER(name), LOWER(name), CHAR_LENGTH(name), SUBSTRING(name, 2, 3), TRIM(name) FROM t",
        "SELECT id, name || '!' FROM t",
        "SELECT id, ABS(amount), MOD(id, 3), id / 2, id * 2 - 1, POWER(id, 2), ROUND(amount, 1) FROM t",
        "SELECT id, CAST(id AS VARCHAR(10)), CAST(price AS DOUBLE), CAST(born AS VARCHAR(10)) FROM t",
        "SELECT id, born + INTERVAL '1' DAY, EXTRACT(MONTH FROM seen), CAST(seen AS DATE) FROM t",
        "SELECT id, ROW_NUMBER() OVER (ORDER BY id), RANK() OVER (PARTITION BY active ORDER BY price NULLS LAST) FROM t WHERE id IS NOT NULL",
        "SELECT id, SUM(amount) OVER (PARTITION BY active), LAG(id) OVER (ORDER BY id) FROM t WHERE id IS NOT NULL",
        "WITH expensive AS (SELECT id, price FROM t WHERE price > 10) SELECT e.id, s.name FROM expensive e JOIN s ON s.id = e.id",
        "SELECT x.a, COUNT(*) FROM (SELECT id / 5 AS a FROM t) x GROUP BY x.a",
        "SELECT * FROM t WHERE seen > TIMESTAMP '2015-01-01 00:00:00' AND born IS NOT NULL",
        "SELECT id FROM t WHERE active IS NOT TRUE");
  }

  @ParameterizedTest
  @MethodSource("unordered")
  void returnsWhatH2Returns(String sql) throws SQLException {
    assertThat(Rows.of(xsql, sql)).as(sql)
        .containsExactlyInAnyOrderElementsOf(Rows.of(reference.connection(), sql));
  }

  static Stream<String> ordered() {
    return Stream.of(
        "SELECT id, name FROM t ORDER BY name NULLS FIRST, id",
        "SELECT id, price FROM t ORDER BY price DESC NULLS LAST, id LIMIT 5",
        "SELECT id FROM t ORDER BY id NULLS LAST LIMIT 3 OFFSET 2",
        "SELECT t.id, s.price FROM t JOIN s ON s.id = t.id ORDER BY s.price NULLS FIRST, t.id",
        "SELECT active, COUNT(*) c FROM t GROUP BY active ORDER BY c DESC, active NULLS FIRST");
  }

  @ParameterizedTest
  @MethodSource("ordered")
  void returnsH2sOrder(String sql) throws SQLException {
    assertThat(Rows.of(xsql, sql)).as(sql).containsExactlyElementsOf(Rows.of(reference.connection(), sql));
  }

  @Test
  void preparedStatementsTakeParametersOfEveryType() throws SQLException {
    String sql = "SELECT id FROM t WHERE name <> ? AND price > ? AND born > ? AND active = ? AND big < ?";
    try (PreparedStatement x = xsql.prepareStatement(sql);
        PreparedStatement h = reference.connection().prepareStatement(sql)) {
      for (PreparedStatement p : List.of(x, h)) {
        p.setString(1, "Ann");
        p.setBigDecimal(2, new java.math.BigDecimal("5"));
        p.setDate(3, java.sql.Date.valueOf("1980-01-01"));
        p.setBoolean(4, true);
        p.setLong(5, 1000);
      }
      assertThat(Rows.of(x.executeQuery())).containsExactlyInAnyOrderElementsOf(Rows.of(h.executeQuery()))
          .isNotEmpty();
    }
  }

  @Test
  void explainShowsWhatEachSourceIsAskedFor() throws SQLException {
    String plan = String.join("\n", Rows.of(xsql,
        "EXPLAIN PLAN FOR SELECT t.name FROM t JOIN s ON t.id = s.id WHERE s.price > 10"));
    assertThat(plan).contains("XsqlEnumerableScan(table=[[main, t]], columns=[[id, name]]")
        .contains("filters=[price > 10").contains("source=[csv ").contains("source=[jsonl ");
  }
}
