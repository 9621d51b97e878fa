package io.xsql.driver;

import static io.xsql.driver.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every failure reaches the application as an SQLException with an SQLState, naming the source. */
final class QueryErrorTest {
  @TempDir
  Path dir;

  private static void fails(Connection c, String sql, String sqlState, String... messageParts) {
    assertThatThrownBy(() -> Fixtures.rows(c, sql))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(sqlState))
        .hasMessageContainingAll(messageParts);
  }

  @Test
  void unknownTableColumnAndBadSyntax() throws SQLException {
    try (Connection c = Fixtures.connect(Fixtures.usersAndDepartments(dir))) {
      fails(c, "SELECT * FROM userz", "42S02", "Object 'userz' not found");
      fails(c, "SELECT nam FROM users", "42S22", "Column 'nam' not found");
      fails(c, "SELECT u.nam FROM users u", "42S22", "Column 'nam' not found in table 'u'");
      fails(c, "SELECT * FROM users WHERE", "42000", "Encountered \"<EOF>\" at line 1, column 25");
      fails(c, "SELECT name FROM users GROUP BY dept_id", "42000", "Expression 'name' is not being grouped");
      assertThatThrownBy(() -> c.prepareStatement("SELECT * FROM nowhere"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42S02"));
    }
  }

  @Test
  void aMalformedValueNamesSourceFileAndLine() throws SQLException {
    Path file = write(dir.resolve("users.csv"), "id,name\n1,Ann\nx2,Bob\n");
    Path catalog = write(dir.resolve("sources.yaml"),
        "sources:\n  users: { type: csv, path: users.csv, columns: { id: INTEGER } }\n");
    try (Connection c = Fixtures.connect(catalog)) {
      fails(c, "SELECT * FROM users", "22018",
          "source 'users': " + file + ":3: column 'id': expected INTEGER but got 'x2'");
      assertThat(Fixtures.rows(c, "SELECT name FROM users LIMIT 1")).containsExactly("Ann");
    }
  }

  @Test
  void malformedJsonNamesLineAndColumn() throws SQLException {
    Path file = write(dir.resolve("e.jsonl"), "{\"a\": 1}\n{\"a\": 2\n");
    try (Connection c = Fixtures.connect(write(dir.resolve("s.yaml"), "sources:\n  e: { type: jsonl, path: e.jsonl }\n"))) {
      fails(c, "SELECT a FROM e", "22000", "source 'e': " + file + ":2:");
    }
  }

  @Test
  void skippedRowsBecomeAWarningOnTheResultSet() throws SQLException {
    write(dir.resolve("e.jsonl"), "{\"a\": 1}\n{oops}\n{\"a\": 3}\n");
    Path catalog = write(dir.resolve("s.yaml"),
        "sources:\n  e: { type: jsonl, path: e.jsonl, on_error: skip }\n");
    try (Connection c = Fixtures.connect(catalog); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT a FROM e")) {
      assertThat(Fixtures.rows(rs)).containsExactly("1", "3");
      SQLWarning warning = rs.getWarnings();
      assertThat((Object) warning).isNotNull();
      assertThat(warning.getSQLState()).isEqualTo("01000");
      assertThat(warning.getMessage()).contains("skipped 1 malformed row in ").contains("e.jsonl:2");
      assertThat((Object) warning.getNextWarning()).isNull();
    }
  }

  @Test
  void aFileRemovedAfterConnectingIsAnIoError() throws Exception {
    Path catalog = Fixtures.usersAndDepartments(dir);
    try (Connection c = Fixtures.connect(catalog)) {
      Files.delete(dir.resolve("data/users.csv"));
      fails(c, "SELECT * FROM users", "58030", "source 'users': cannot read ", "users.csv: file not found");
    }
  }

  @Test
  void dataBreakingItsDeclaredOrderFailsRatherThanJoiningWrongly() throws SQLException {
    write(dir.resolve("k.jsonl"), "{\"k\": 1}\n{\"k\": 3}\n{\"k\": 2}\n");
    Path catalog = write(dir.resolve("s.yaml"), "sources:\n  k: { type: jsonl, path: k.jsonl, sorted_by: [k] }\n");
    try (Connection c = Fixtures.connect(catalog)) {
      fails(c, "SELECT k FROM k ORDER BY k", "22000", "source 'k': ", "k.jsonl:3: ",
          "not in the declared order (sorted_by: k): 2 follows 3");
    }
  }

  @Test
  void aMergeJoinOverFilesOutOfTheirDeclaredOrderFailsInsteadOfMissingRows() throws SQLException {
    write(dir.resolve("s.csv"), "k,v\n5,a\n1,b\n3,c\n");
    write(dir.resolve("r.csv"), "k,w\n1,x\n3,y\n");
    Path catalog = write(dir.resolve("j.yaml"), """
        sources:
          s: { type: csv, path: s.csv, sorted_by: [k] }
          r: { type: csv, path: r.csv, sorted_by: [k] }
        """);
    try (Connection c = Fixtures.connect(catalog)) {
      fails(c, "SELECT r.k, s.v FROM r JOIN s ON r.k = s.k", "22000", "s.csv:3: rows are not in the declared order");
      fails(c, "SELECT k FROM s ORDER BY k LIMIT 1", "22000", "1 follows 5");
      write(dir.resolve("s.csv"), "k,v\n1,b\n3,c\n5,a\n");
      assertThat(Fixtures.rows(c, "SELECT r.k, s.v FROM r JOIN s ON r.k = s.k")).containsExactly("1|b", "3|c");
    }
  }

  @Test
  void aFileIsCheckedAgainstItsDeclaredOrderOncePerVersionWhicheverConnectionReadsIt() throws Exception {
    Path file = write(dir.resolve("k.jsonl"), "{\"k\": 1}\n{\"k\": 2}\n{\"k\": 3}\n");
    Path catalog = write(dir.resolve("s.yaml"), "sources:\n  k: { type: jsonl, path: k.jsonl, sorted_by: [k],"
        + " index_dir: idx }\n");
    try (Connection c = Fixtures.connect(catalog)) {
      assertThat(Fixtures.rows(c, "SELECT k FROM k ORDER BY k LIMIT 2")).containsExactly("1", "2");
    }
    try (var markers = Files.list(dir.resolve("idx/order"))) {
      assertThat(markers).singleElement().satisfies(m -> assertThat(m.toString()).endsWith(".ordered"));
    }
    // The same path, size and modification time are the same version (as for key indexes): a new
    // connection trusts the check made before and reads no more than the LIMIT needs.
    FileTime modified = Files.getLastModifiedTime(file);
    write(file, "{\"k\": 1}\n{\"k\": 3}\n{\"k\": 2}\n");
    Files.setLastModifiedTime(file, modified);
    try (Connection c = Fixtures.connect(catalog)) {
      assertThat(Fixtures.rows(c, "SELECT k FROM k ORDER BY k LIMIT 1")).containsExactly("1");
    }
    Files.setLastModifiedTime(file, FileTime.fromMillis(modified.toMillis() + 1000));
    try (Connection c = Fixtures.connect(catalog)) {
      fails(c, "SELECT k FROM k ORDER BY k LIMIT 1", "22000", "not in the declared order (sorted_by: k): 2 follows 3");
    }
  }

  @Test
  void aFileWhoseColumnsCannotBeReadFailsOnlyItsOwnQueries() throws Exception {
    Fixtures.usersAndDepartments(dir);
    Files.write(dir.resolve("bad.csv"), new byte[] {(byte) 0xFF, (byte) 0xFE, 'x', '\n'});
    Path catalog = write(dir.resolve("s.yaml"), """
        sources:
          users: { type: csv, path: data/users.csv }
          bad:   { type: csv, path: bad.csv }
        """);
    try (Connection c = Fixtures.connect(catalog)) {
      assertThat(Fixtures.rows(c, "SELECT COUNT(*) FROM users")).containsExactly("5");
      fails(c, "SELECT * FROM bad", "22000", "bad.csv", "not valid UTF-8");
    }
  }

  @Test
  void arithmeticErrorsHaveDataStates() throws SQLException {
    try (Connection c = Fixtures.connect(Fixtures.usersAndDepartments(dir))) {
      fails(c, "SELECT id / (id - id) FROM users", "22012", "zero");
      fails(c, "SELECT CAST(name AS INTEGER) FROM users", "22018", "");
    }
  }
}
