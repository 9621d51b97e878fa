package io.xsql.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources that are a schema of tables (MongoDB, APIs): queried and browsed like any schema, asked for their
 * tables only when used, a source that is down failing only its own queries, and refresh seeing new tables.
 */
final class SchemaSourceTest {
  @TempDir
  static Path dir;
  static Path catalog;

  @BeforeAll
  static void catalog() {
    Fixtures.write(dir.resolve("ids.csv"), "id,label\n1,one\n2,two\n");
    catalog = Fixtures.write(dir.resolve("sources.yaml"), """
        sources:
          shop: { type: memory_schema, tables: [orders, Items], grow: true }
          down: { type: memory_schema, tables: [orders], down: true }
          ids:  { type: csv, path: ids.csv }
        """);
  }

  @Test
  void tablesAreQueriedAndJoinedWithOtherSources() throws Exception {
    try (Connection c = Fixtures.connect(catalog)) {
      assertThat(Fixtures.rows(c, "SELECT o.name, i.name, d.label FROM shop.orders o JOIN shop.items i "
          + "ON i.id = o.id JOIN ids d ON d.id = o.id WHERE o.id = 2")).containsExactly("orders2|Items2|two");
    }
  }

  @Test
  void metadataListsTheTablesAndTheirColumns() throws Exception {
    try (Connection c = Fixtures.connect(catalog)) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(names(md.getTables(null, "shop", "%", null), "TABLE_NAME")).containsExactlyInAnyOrder("orders",
          "Items");
      assertThat(names(md.getColumns(null, "shop", "orders", "%"), "COLUMN_NAME")).containsExactly("id", "name");
    }
  }

  @Test
  void aSourceThatIsDownFailsItsOwnQueriesOnly() throws Exception {
    try (Connection c = Fixtures.connect(catalog)) {
      assertThatThrownBy(() -> Fixtures.rows(c, "SELECT * FROM down.orders"))
          .isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("08001");
            assertThat(e.getMessage()).contains("memory://down");
          });
      // Browsing goes on without it, and says why.
      assertThat(names(c.getMetaData().getTables(null, null, "%", null), "TABLE_NAME")).contains("orders", "Items",
          "ids");
      List<String> warnings = new ArrayList<>();
      for (SQLWarning w = c.getWarnings(); w != null; w = w.getNextWarning()) {
        warnings.add(w.getMessage());
      }
      assertThat(warnings).anyMatch(w -> w.contains("source 'down'") && w.contains("memory://down"));
      assertThat(Fixtures.rows(c, "SELECT COUNT(*) FROM shop.orders")).containsExactly("2");
    }
  }

  @Test
  void refreshSeesNewTables() throws Exception {
    try (Connection c = Fixtures.connect(catalog)) {
      assertThatThrownBy(() -> Fixtures.rows(c, "SELECT * FROM shop.late"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42S02"));
      c.unwrap(XsqlConnection.class).refresh("shop");
      assertThat(Fixtures.rows(c, "SELECT name FROM shop.late WHERE id = 1")).containsExactly("late1");
    }
  }

  private static List<String> names(ResultSet rs, String column) throws SQLException {
    List<String> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        out.add(rs.getString(column));
      }
    }
    return out;
  }
}
