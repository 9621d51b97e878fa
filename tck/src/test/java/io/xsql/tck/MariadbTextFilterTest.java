package io.xsql.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text equality over a MariaDB table, whose collation ignores case, accents and trailing blanks: MariaDB
 * filters the rows first ({@code JdbcPreFilterRule}), so that fewer leave it, and xsql keeps exactly the
 * rows whose text is equal, compared with the rows Java's {@code equals} picks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class MariadbTextFilterTest {
  private static final String DATABASE = "xsql_text_filter_" + UUID.randomUUID().toString().substring(0, 8);
  private static final List<String> NAMES = List.of("anna", "Anna", "anna ", "ánna", "ANNA", "bob", "Bob ",
      "carl", "13-55", "13-56", "31-00", "1x-13");

  @TempDir
  static Path dir;
  private String catalog;

  @BeforeAll
  void load() throws Exception {
    TestDatabase.MARIADB.create(DATABASE);
    try (Connection my = TestDatabase.MARIADB.connect(DATABASE); Statement s = my.createStatement()) {
      s.execute("CREATE TABLE people (id int PRIMARY KEY, name varchar(20), n int) CHARACTER SET utf8mb4"
          + " COLLATE utf8mb4_general_ci");
      try (PreparedStatement ps = my.prepareStatement("INSERT INTO people VALUES (?, ?, ?)")) {
        // Each name 10 times, and some rows without one.
        for (int id = 0; id < NAMES.size() * 10 + 5; id++) {
          ps.setInt(1, id);
          ps.setString(2, id < NAMES.size() * 10 ? NAMES.get(id % NAMES.size()) : null);
          ps.setInt(3, id % 7);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      s.execute("ANALYZE TABLE people");
    }
    Path file = dir.resolve("catalog.yaml");
    Files.writeString(file, "sources:\n  my: " + TestDatabase.MARIADB.catalogEntry(DATABASE, "") + "\n");
    catalog = file.toString();
  }

  @AfterAll
  void drop() throws Exception {
    TestDatabase.MARIADB.drop(DATABASE);
  }

  @Test
  void mariadbFiltersFirstAndXsqlKeepsTheExactlyEqualRows() throws Exception {
    check("SELECT id FROM my.people WHERE name = 'anna'", "anna"::equals, true);
    check("SELECT id FROM my.people WHERE name IN ('Anna', 'bob') AND n > 2",
        name -> name.equals("Anna") || name.equals("bob"), true);
    check("SELECT id FROM my.people WHERE SUBSTRING(name FROM 1 FOR 2) IN ('13', '31')",
        name -> name.startsWith("13") || name.startsWith("31"), true);
    // A NOT IN keeps rows MariaDB finds equal, and a literal ending in a blank is told apart by some
    // collations (NO PAD), and two columns compare as their collations say: these stay in xsql.
    check("SELECT id FROM my.people WHERE name NOT IN ('anna', 'bob')",
        name -> !name.equals("anna") && !name.equals("bob"), false);
    check("SELECT id FROM my.people WHERE name = 'anna '", "anna "::equals, false);
    check("SELECT id FROM my.people WHERE name = SUBSTRING(name FROM 1 FOR 3)", name -> name.length() <= 3, false);
  }

  @Test
  void rowsLeaveMariadbWithTheColumnsTheQueryReadsOnly() throws Exception {
    try (Connection x = DriverManager.getConnection("jdbc:xsql:catalog=" + catalog)) {
      // The exact check above the pre-filter reads name; the query reads id, or sums n.
      assertThat(Rows.of(x, "SELECT id FROM my.people WHERE name = 'Anna'"))
          .containsExactlyInAnyOrderElementsOf(ids("Anna"::equals));
      assertThat(request(x)).contains("`id`", "`name`").doesNotContain("`n`");
      assertThat(Rows.of(x, "SELECT SUM(n) FROM my.people WHERE name = 'bob'"))
          .containsExactly(Long.toString(ids("bob"::equals).stream().mapToLong(id -> Long.parseLong(id) % 7).sum()));
      assertThat(request(x)).contains("`n`", "`name`").doesNotContain("`id`");
    }
  }

  /** The ids of the rows whose name {@code keeps}. */
  private static List<String> ids(Predicate<String> keeps) {
    List<String> ids = new ArrayList<>();
    for (int id = 0; id < NAMES.size() * 10; id++) {
      if (keeps.test(NAMES.get(id % NAMES.size()))) {
        ids.add(Integer.toString(id));
      }
    }
    return ids;
  }

  /** The statement the last query sent MariaDB. */
  private static String request(Connection x) throws Exception {
    return String.join("\n", Rows.of(x, "SELECT request FROM xsql.queries WHERE source = 'my'"
        + " AND query_id = (SELECT MAX(query_id) FROM xsql.queries WHERE source = 'my')"));
  }

  /**
   * Runs {@code sql} and compares its ids with those of the rows whose name {@code keeps} (the condition on
   * {@code n > 2} applied too where the query has it); {@code sent} says whether MariaDB filters first,
   * in which case fewer rows than the table's leave it.
   */
  private void check(String sql, Predicate<String> keeps, boolean sent) throws Exception {
    List<String> expected = ids(keeps).stream()
        .filter(id -> !sql.contains("n > 2") || Integer.parseInt(id) % 7 > 2).toList();
    try (Connection x = DriverManager.getConnection("jdbc:xsql:catalog=" + catalog)) {
      String plan = String.join("\n", Rows.of(x, "EXPLAIN PLAN FOR " + sql));
      assertThat(plan.contains("JdbcPreFilter")).as(plan).isEqualTo(sent);
      assertThat(Rows.of(x, sql)).as(sql).containsExactlyInAnyOrderElementsOf(expected);
      long read = Long.parseLong(Rows.of(x, "SELECT SUM(rows_read) FROM xsql.queries WHERE source = 'my'"
          + " AND query_id = (SELECT MAX(query_id) FROM xsql.queries)").get(0));
      if (sent) {
        assertThat(read).as(sql).isGreaterThanOrEqualTo(expected.size()).isLessThan(NAMES.size() * 10L);
      } else {
        assertThat(read).as(sql).isEqualTo(NAMES.size() * 10L + 5);
      }
    }
  }
}
