package io.xsql.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headline: files and Java objects joined in one query, checked against H2 holding the same rows.
 */
final class CrossSourceJoinTest {
  /** A bonus per department, living in the application. */
  record Bonus(int deptId, String kind, double amount) {}

  private static final List<Bonus> BONUSES = List.of(new Bonus(10, "team", 300), new Bonus(20, "sales", 150),
      new Bonus(10, "oncall", 50), new Bonus(50, "none", 1));

  @TempDir
  Path dir;
  private Connection xsql;
  private Connection h2;

  @BeforeEach
  void load() throws SQLException {
    xsql = Fixtures.connect(Fixtures.usersAndDepartments(dir));
    xsql.unwrap(XsqlConnection.class).register("bonuses", Bonus.class, BONUSES);
    h2 = DriverManager.getConnection("jdbc:h2:mem:;DATABASE_TO_UPPER=FALSE");
    try (Statement s = h2.createStatement()) {
      s.execute("CREATE TABLE users (id INT, name VARCHAR, dept_id INT, salary DOUBLE)");
      s.execute("INSERT INTO users VALUES (1,'Ann',10,5000.50),(2,'Bob',20,4200),(3,'Cid',NULL,3900.25),"
          + "(4,'Dee, Jr.',10,6100),(5,'Eve',30,4800)");
      s.execute("CREATE TABLE departments (dept_id INT, title VARCHAR, floor INT)");
      s.execute("INSERT INTO departments VALUES (10,'Engineering',3),(20,'Sales',1),(40,'Legal',NULL)");
      s.execute("CREATE TABLE bonuses (deptId INT, kind VARCHAR, amount DOUBLE)");
    }
    try (PreparedStatement ps = h2.prepareStatement("INSERT INTO bonuses VALUES (?, ?, ?)")) {
      for (Bonus b : BONUSES) {
        ps.setInt(1, b.deptId());
        ps.setString(2, b.kind());
        ps.setDouble(3, b.amount());
        ps.executeUpdate();
      }
    }
  }

  @AfterEach
  void close() throws SQLException {
    xsql.close();
    h2.close();
  }

  private void sameAsH2(String sql) throws SQLException {
    assertThat(Fixtures.rows(xsql, sql)).as(sql).containsExactlyInAnyOrderElementsOf(Fixtures.rows(h2, sql));
  }

  @Test
  void usersJoinDepartmentsFromTwoFiles() throws SQLException {
    assertThat(Fixtures.rows(xsql, "SELECT u.name, d.title FROM users u JOIN departments d "
        + "ON u.dept_id = d.dept_id ORDER BY u.id"))
        .containsExactly("Ann|Engineering", "Bob|Sales", "Dee, Jr.|Engineering");
  }

  @Test
  void everyJoinTypeMatchesTheReference() throws SQLException {
    for (String join : List.of("JOIN", "LEFT JOIN", "RIGHT JOIN")) {
      sameAsH2("SELECT u.name, d.title FROM users u " + join + " departments d ON u.dept_id = d.dept_id");
    }
    // H2 has no FULL JOIN: its reference is the left join plus the unmatched right rows.
    assertThat(Fixtures.rows(xsql, "SELECT u.name, d.title FROM users u FULL JOIN departments d "
        + "ON u.dept_id = d.dept_id")).containsExactlyInAnyOrderElementsOf(Fixtures.rows(h2,
        "SELECT u.name, d.title FROM users u LEFT JOIN departments d ON u.dept_id = d.dept_id UNION ALL "
            + "SELECT u.name, d.title FROM users u RIGHT JOIN departments d ON u.dept_id = d.dept_id "
            + "WHERE u.id IS NULL"));
    sameAsH2("SELECT u.name, d.title FROM users u CROSS JOIN departments d");
    sameAsH2("SELECT name FROM users u WHERE EXISTS (SELECT 1 FROM departments d WHERE d.dept_id = u.dept_id)");
    sameAsH2("SELECT name FROM users u WHERE NOT EXISTS (SELECT 1 FROM departments d WHERE d.dept_id = u.dept_id)");
    sameAsH2("SELECT name FROM users WHERE dept_id NOT IN (SELECT dept_id FROM departments)");
    sameAsH2("SELECT u.name, d.title FROM users u LEFT JOIN departments d ON u.dept_id = d.dept_id AND d.\"floor\" > 2");
  }

  @Test
  void aCsvFileAJsonlFileAndAJavaListInOneQuery() throws SQLException {
    String sql = "SELECT d.title, u.name, b.kind, b.amount FROM users u "
        + "JOIN departments d ON u.dept_id = d.dept_id JOIN bonuses b ON b.deptId = d.dept_id";
    sameAsH2(sql);
    assertThat(Fixtures.rows(xsql, sql + " WHERE b.kind = 'oncall' ORDER BY u.name"))
        .containsExactly("Engineering|Ann|oncall|50.0", "Engineering|Dee, Jr.|oncall|50.0");
    sameAsH2("SELECT d.title, SUM(CAST(b.amount AS INTEGER)), COUNT(DISTINCT u.id) FROM departments d "
        + "LEFT JOIN bonuses b ON b.deptId = d.dept_id LEFT JOIN users u ON u.dept_id = d.dept_id GROUP BY d.title");
  }

  @Test
  void preparedStatementsBindParametersAcrossSources() throws SQLException {
    try (PreparedStatement ps = xsql.prepareStatement("SELECT u.name FROM users u JOIN bonuses b "
        + "ON b.deptId = u.dept_id WHERE b.amount > ? AND u.salary < ? ORDER BY u.name")) {
      ps.setDouble(1, 100);
      ps.setDouble(2, 5500);
      assertThat(Fixtures.rows(ps.executeQuery())).containsExactly("Ann", "Bob");
      ps.setDouble(2, 10_000);
      assertThat(Fixtures.rows(ps.executeQuery())).containsExactly("Ann", "Bob", "Dee, Jr.");
    }
  }
}
