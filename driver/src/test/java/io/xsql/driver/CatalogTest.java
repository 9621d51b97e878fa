package io.xsql.driver;

import static io.xsql.driver.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.spi.Catalog;
import io.xsql.spi.CatalogException;
import io.xsql.spi.SourceFactories;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CatalogTest {
  @TempDir
  Path dir;

  private SQLException connectFails(String catalog) {
    Path file = write(dir.resolve("sources.yaml"), catalog);
    try (Connection c = Fixtures.connect(file)) {
      throw new AssertionError("connected to a bad catalog");
    } catch (SQLException e) {
      assertThat(e.getSQLState()).isEqualTo("F0000");
      assertThat(e.getMessage()).startsWith(file.toString());
      return e;
    }
  }

  @Test
  void relativePathsResolveAgainstTheCatalogFolder() throws SQLException {
    Path catalog = Fixtures.usersAndDepartments(dir.resolve("project"));
    try (Connection c = Fixtures.connect(catalog)) {
      assertThat(Fixtures.rows(c, "SELECT COUNT(*) FROM users")).containsExactly("5");
    }
  }

  @Test
  void theSourcesSettingOpensOnlyTheNamedSources() throws SQLException {
    Path catalog = Fixtures.usersAndDepartments(dir);
    try (Connection c = DriverManager.getConnection("jdbc:xsql:catalog=" + catalog + ";sources=users")) {
      assertThat(Fixtures.rows(c, "SELECT COUNT(*) FROM users")).containsExactly("5");
      assertThatThrownBy(() -> Fixtures.rows(c, "SELECT COUNT(*) FROM departments"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42S02"));
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, null, "%", null)) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      assertThat(tables).contains("users").doesNotContain("departments");
    }
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:xsql:catalog=" + catalog + ";sources=users,nope"))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42000"))
        .hasMessageContaining("[nope]");
  }

  @Test
  void jsonCatalogsWorkToo() throws SQLException {
    Fixtures.usersAndDepartments(dir);
    Path json = write(dir.resolve("sources.json"),
        "{\"sources\": {\"people\": {\"type\": \"csv\", \"path\": \"data/users.csv\"}}}");
    try (Connection c = Fixtures.connect(json)) {
      assertThat(Fixtures.rows(c, "SELECT name FROM people WHERE id = 2")).containsExactly("Bob");
    }
  }

  @Test
  void environmentAndFileSubstitutions() {
    write(dir.resolve("data/a.csv"), "x\n1\n");
    write(dir.resolve("secret.txt"), "data/a.csv\n");
    Path file = write(dir.resolve("sources.yaml"), """
        sources:
          fromEnv:  { type: csv, path: "${env:XSQL_TEST_DIR}/a.csv" }
          fromFile: { type: csv, path: "${file:secret.txt}" }
          dollar:   { type: csv, path: "data/a.csv", null_string: "$$" }
        """);
    Catalog catalog = Catalog.read(file, Map.of("XSQL_TEST_DIR", "data")::get);
    assertThat(catalog.sources()).extracting(e -> e.options().string("path").orElseThrow())
        .containsExactly("data/a.csv", "data/a.csv", "data/a.csv");
    assertThat(catalog.sources().get(2).options().string("null_string")).contains("$");
    assertThatThrownBy(() -> Catalog.read(file, name -> null)).isInstanceOf(CatalogException.class)
        .hasMessage(file + ":2:32: environment variable XSQL_TEST_DIR is not set");
  }

  @Test
  void yamlNullsReadAsTheWordsWritten() {
    Path file = write(dir.resolve("sources.yaml"), """
        sources:
          a: { type: csv, path: a.csv, on_error: null, null_string: NULL, comment: }
        """);
    var options = Catalog.read(file, name -> null).sources().get(0).options();
    assertThat(options.string("on_error")).contains("null");
    assertThat(options.string("null_string")).contains("NULL");
    assertThat(options.string("comment")).contains("");
  }

  @Test
  void substitutedSecretsNeverAppearInErrors() {
    Path file = write(dir.resolve("sources.yaml"), """
        sources:
          t: { type: csv, path: x.csv, sample_size: "${env:SECRET}" }
        """);
    write(dir.resolve("x.csv"), "a\n1\n");
    Catalog catalog = Catalog.read(file, Map.of("SECRET", "hunter2")::get);
    assertThatThrownBy(() -> SourceFactories.open(catalog.sources().get(0)))
        .hasMessageNotContaining("hunter2").hasMessageContaining("key 'sample_size'");
  }

  @Test
  void anUnknownKeyNamesFileLineAndKey() {
    Fixtures.usersAndDepartments(dir);
    assertThat(connectFails("""
        sources:
          users: { type: csv, path: data/users.csv,
                   delimeter: ";" }
        """).getMessage()).contains("sources.yaml:3:12: source 'users': unknown key 'delimeter'");
  }

  @Test
  void anUnknownTypeListsTheKnownOnes() {
    assertThat(connectFails("sources:\n  x: { type: parquet, path: a }\n").getMessage())
        // memory_schema is the driver tests' own source type.
        .contains(":2:14: source 'x': unknown type 'parquet'; known types are [csv, jdbc, json, jsonl, mariadb, "
            + "memory_schema, mongodb, mysql, nats, postgres, postgresql, rabbitmq, rest, tsv");
  }

  @Test
  void badYamlNamesTheLine() {
    assertThat(connectFails("sources:\n  x: { type: csv\n  y: [\n").getMessage()).contains("not valid YAML");
  }

  @Test
  void aMissingDataFileNamesTheKey() {
    assertThat(connectFails("sources:\n  x:\n    type: csv\n    path: nowhere.csv\n").getMessage())
        .contains(":4:11: source 'x', key 'path': file not found: ").contains("nowhere.csv");
  }

  @Test
  void ofSourcesOpenedSideBySideTheFirstFailureInTheCatalogIsReported() {
    Fixtures.usersAndDepartments(dir);
    for (int i = 0; i < 5; i++) {
      assertThat(connectFails("sources:\n  users: { type: csv, path: data/users.csv }\n"
          + "  x: { type: csv, path: nowhere.csv }\n  y: { type: csv, path: nothere.csv }\n").getMessage())
          .contains("source 'x'").contains("nowhere.csv").doesNotContain("nothere.csv");
    }
  }

  @Test
  void structuralMistakes() {
    assertThat(connectFails("source:\n  x: { type: csv }\n").getMessage()).contains("unknown key 'source'");
    assertThat(connectFails("sources:\n  - x\n").getMessage()).contains("'sources' must be a mapping");
    assertThat(connectFails("sources:\n  x: { path: a.csv }\n").getMessage()).contains("'type' is required");
    assertThat(connectFails("sources:\n  x: { type: csv, type: csv }\n").getMessage())
        .contains("duplicate key 'type'");
    assertThat(connectFails("").getMessage()).contains("the catalog is empty");
  }

  @Test
  void twoSourcesMayNotDifferOnlyInCase() {
    Fixtures.usersAndDepartments(dir);
    assertThat(connectFails("sources:\n  users: { type: csv, path: data/users.csv }\n"
        + "  Users: { type: csv, path: data/users.csv }\n").getMessage())
        .contains(":3:").contains("source 'Users' differs from another source only in case");
  }

  @Test
  void typesWidenedBySamplingAreConnectionWarnings() throws SQLException {
    write(dir.resolve("m.jsonl"), "{\"v\": 1}\n{\"v\": 2.5}\n");
    try (Connection c = Fixtures.connect(write(dir.resolve("s.yaml"), "sources:\n  m: { type: jsonl, path: m.jsonl }\n"))) {
      java.sql.SQLWarning w = c.getWarnings();
      assertThat(w.getMessage()).isEqualTo("source 'm': column 'v' held INTEGER and DOUBLE values; read as DOUBLE");
      assertThat(w.getSQLState()).isEqualTo("01000");
    }
  }

  @Test
  void aMissingCatalogFileFailsToConnect() {
    assertThatThrownBy(() -> Fixtures.connect(dir.resolve("nope.yaml")))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("F0000"))
        .hasMessageContaining("nope.yaml").hasMessageContaining("catalog file not found");
  }
}
