package io.xsql.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unquoted names match whatever their case; quoted names match exactly; labels keep their case. */
final class IdentifierTest {
  @TempDir
  Path dir;
  private Connection c;

  @BeforeEach
  void connect() throws SQLException {
    Fixtures.write(dir.resolve("People.jsonl"), "{\"Name\": \"Ann\", \"Age\": 30, \"name\": \"x\"}\n");
    c = Fixtures.connect(Fixtures.write(dir.resolve("sources.yaml"), """
        sources:
          People: { type: jsonl, path: People.jsonl }
        """));
  }

  @AfterEach
  void close() throws SQLException {
    c.close();
  }

  private List<String> labels(String sql) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> out = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        out.add(md.getColumnLabel(i));
      }
      return out;
    }
  }

  private void fails(String sql, String sqlState, String message) {
    assertThatThrownBy(() -> Fixtures.rows(c, sql))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(sqlState))
        .hasMessageContaining(message);
  }

  @Test
  void labelsAreNeverUpperCased() throws SQLException {
    assertThat(labels("SELECT age, \"Name\" FROM people")).containsExactly("age", "Name");
    assertThat(labels("SELECT * FROM people")).containsExactly("Name", "Age", "name_2");
    assertThat(labels("SELECT age AS years FROM people")).containsExactly("years");
  }

  @Test
  void unquotedNamesMatchAnyCase() throws SQLException {
    assertThat(Fixtures.rows(c, "SELECT AGE FROM PEOPLE")).containsExactly("30");
    assertThat(Fixtures.rows(c, "SELECT p.age FROM people AS P")).containsExactly("30");
  }

  @Test
  void columnsDifferingOnlyInCaseStayReachable() throws SQLException {
    assertThat(Fixtures.rows(c, "SELECT \"Name\", name_2 FROM people")).containsExactly("Ann|x");
  }

  @Test
  void quotedNamesMatchExactly() throws SQLException {
    assertThat(Fixtures.rows(c, "SELECT \"Name\", \"Age\" FROM \"People\"")).containsExactly("Ann|30");
    fails("SELECT \"AGE\" FROM people", "42S22", "did you mean '\"Age\"'");
    fails("SELECT \"Age\" FROM \"people\"", "42S02", "did you mean '\"People\"'");
  }
}
