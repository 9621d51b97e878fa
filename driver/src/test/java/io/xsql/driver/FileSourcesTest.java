package io.xsql.driver;

import static io.xsql.driver.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File sources as a SQL user meets them: folders, globs, JSON documents, compression, on_error. */
final class FileSourcesTest {
  @TempDir
  Path dir;

  @Test
  void aFolderOfMonthlyFilesIsOneTableAndFiltersOnItsFilesArePushed() throws SQLException {
    write(dir.resolve("sales/2024-01.csv"), "id,amount\n1,10\n2,20\n");
    write(dir.resolve("sales/2024-02.csv"), "id,amount\n3,30\n");
    Path catalog = write(dir.resolve("s.yaml"),
        "sources:\n  sales: { type: csv, path: \"sales/*.csv\", file_column: true }\n");
    try (Connection c = Fixtures.connect(catalog)) {
      assertThat(Fixtures.rows(c, "SELECT _file, SUM(amount) FROM sales GROUP BY _file ORDER BY _file"))
          .containsExactly("2024-01.csv|30", "2024-02.csv|30");
      String sql = "SELECT id FROM sales WHERE _file = '2024-02.csv'";
      assertThat(Fixtures.rows(c, sql)).containsExactly("3");
      assertThat(String.join("\n", Fixtures.rows(c, "EXPLAIN PLAN FOR " + sql)))
          .contains("filters=[_file = '2024-02.csv']").contains("(2 files)");
      String like = "SELECT id FROM sales WHERE _file NOT LIKE '%-01.csv'";
      assertThat(Fixtures.rows(c, like)).containsExactly("3");
      assertThat(String.join("\n", Fixtures.rows(c, "EXPLAIN PLAN FOR " + like)))
          .contains("filters=[_file NOT LIKE '%-01.csv']").doesNotContain("EnumerableCalc");
    }
  }

  @Test
  void aJsonDocumentJoinsAGzippedCsv() throws IOException, SQLException {
    write(dir.resolve("api.json"), """
        {"page": 1, "data": {"users": [
          {"id": 1, "name": "Ann", "address": {"city": "Lyon"}},
          {"id": 2, "name": "Bob", "address": {"city": "Oslo"}}
        ]}}
        """);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("orders.csv.gz")))) {
      out.write("user_id,total\n1,9.5\n1,10.5\n2,3\n".getBytes(StandardCharsets.UTF_8));
    }
    Path catalog = write(dir.resolve("s.yaml"), """
        sources:
          users:  { type: json, path: api.json, records: /data/users }
          orders: { type: csv, path: orders.csv.gz }
        """);
    try (Connection c = Fixtures.connect(catalog)) {
      assertThat(Fixtures.rows(c, "SELECT u.name, u.\"address.city\", SUM(o.total) FROM users u"
          + " JOIN orders o ON o.user_id = u.id GROUP BY u.name, u.\"address.city\" ORDER BY u.name"))
          .containsExactly("Ann|Lyon|20.0", "Bob|Oslo|3.0");
    }
  }

  @Test
  void nullModeKeepsRowsAndWarnsOnTheResultSet() throws SQLException {
    write(dir.resolve("m.csv"), "id,qty\n1,5\n2,five\n3,7\n");
    Path catalog = write(dir.resolve("s.yaml"),
        "sources:\n  m: { type: csv, path: m.csv, on_error: null, columns: { qty: INTEGER } }\n");
    try (Connection c = Fixtures.connect(catalog); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, qty FROM m")) {
      assertThat(Fixtures.rows(rs)).containsExactly("1|5", "2|null", "3|7");
      SQLWarning warning = rs.getWarnings();
      assertThat((Object) warning).isNotNull();
      assertThat(warning.getMessage()).contains("read 1 malformed value as NULL").contains("m.csv:3")
          .contains("column 'qty': expected INTEGER but got 'five'");
    }
  }

  @Test
  void aTruncatedGzipFailsWithADataState() throws IOException, SQLException {
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < 50_000; i++) {
      jsonl.append("{\"id\": ").append(i).append("}\n");
    }
    Path whole = dir.resolve("whole.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(whole))) {
      out.write(jsonl.toString().getBytes(StandardCharsets.UTF_8));
    }
    byte[] bytes = Files.readAllBytes(whole);
    Files.write(dir.resolve("cut.jsonl.gz"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Path catalog = write(dir.resolve("s.yaml"), "sources:\n  cut: { type: jsonl, path: cut.jsonl.gz }\n");
    try (Connection c = Fixtures.connect(catalog)) {
      assertThatThrownBy(() -> Fixtures.rows(c, "SELECT COUNT(*) FROM cut"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22000"))
          .hasMessageContaining("source 'cut'").hasMessageContaining("cut.jsonl.gz")
          .hasMessageContaining("the gzip data ends early (is the file truncated?)");
    }
  }
}
