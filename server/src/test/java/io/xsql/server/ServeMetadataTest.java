package io.xsql.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What remote clients see of {@code DatabaseMetaData}: schemas, tables with comments, columns with plain
 * types and sizes, and the type list come from the server's connection, for both the xsql remote URL and
 * Avatica's own client. Keys and indexes: Avatica's protocol has no call for them; the xsql remote URL
 * asks for them with a query of the xsql schema's functions, Avatica's client answers them empty.
 */
final class ServeMetadataTest {
  private static final String SCHEMA = "xsql_serve_meta_" + ProcessHandle.current().pid();

  @TempDir
  static Path dir;
  private static ServeServer server;

  @BeforeAll
  static void start() throws Exception {
    try (Connection c = DriverManager.getConnection(ServeFixture.PG_URL, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      s.execute("CREATE SCHEMA " + SCHEMA);
      s.execute("CREATE TABLE " + SCHEMA + ".customers (id int PRIMARY KEY, name varchar(40) NOT NULL, "
          + "balance numeric(10,2))");
      s.execute("COMMENT ON TABLE " + SCHEMA + ".customers IS 'people who buy'");
      s.execute("COMMENT ON COLUMN " + SCHEMA + ".customers.name IS 'full name'");
      s.execute("CREATE TABLE " + SCHEMA + ".orders (id int PRIMARY KEY, customer_id int REFERENCES " + SCHEMA
          + ".customers (id))");
    }
    Path catalog = Files.writeString(dir.resolve("catalog.yaml"), "sources:\n  pg: { type: postgres, url: \""
        + ServeFixture.PG_URL + "\", user: postgres, schemas: [" + SCHEMA + "], schema: " + SCHEMA + " }\n");
    server = ServeServer.start(ServeFixture.config(catalog, Duration.ofMinutes(1),
        ServerConfig.of(catalog).defaults(), Map.of()));
  }

  @AfterAll
  static void stop() throws SQLException {
    server.close();
    try (Connection c = DriverManager.getConnection(ServeFixture.PG_URL, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  private static List<String> rows(ResultSet rs, String... columns) throws SQLException {
    List<String> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (String c : columns) {
          values.add(rs.getString(c));
        }
        out.add(String.join(" | ", values));
      }
    }
    return out;
  }

  private static void assertServed(Connection c) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    assertThat(rows(md.getSchemas(), "TABLE_SCHEM")).containsExactly("main", "pg", "xsql");
    assertThat(rows(md.getTables(null, "pg", "%", null), "TABLE_NAME", "TABLE_TYPE", "REMARKS"))
        .containsExactly("customers | TABLE | people who buy", "orders | TABLE | null");
    assertThat(rows(md.getColumns(null, "pg", "customers", "%"), "COLUMN_NAME", "TYPE_NAME", "COLUMN_SIZE",
        "DECIMAL_DIGITS", "IS_NULLABLE", "REMARKS")).containsExactly("id | INTEGER | 10 | 0 | NO | null",
            "name | VARCHAR | 40 | null | NO | full name", "balance | DECIMAL | 10 | 2 | YES | null");
    assertThat(rows(md.getTypeInfo(), "TYPE_NAME")).contains("INTEGER", "VARCHAR", "TIMESTAMP")
        .doesNotContain("UTINYINT", "CURSOR", "COLUMN_LIST");
    assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
  }

  @Test
  void theXsqlRemoteUrlSeesSchemasTablesColumnsAndTypesAsLocally() throws Exception {
    try (Connection c = ServeFixture.xsqlRemote(server.port(), new Properties())) {
      assertServed(c);
      DatabaseMetaData md = c.getMetaData();
      assertThat(md.getJDBCMajorVersion()).isEqualTo(4);
      assertThat(md.getJDBCMinorVersion()).isEqualTo(2);
      assertThat(md.supportsSubqueriesInQuantifieds()).isTrue();
      assertThat(md.getDatabaseProductName()).isEqualTo("xsql");
      // Asked of the server through the xsql schema's functions.
      assertThat(rows(md.getPrimaryKeys(null, "pg", "customers"), "COLUMN_NAME", "KEY_SEQ"))
          .containsExactly("id | 1");
      assertThat(rows(md.getImportedKeys(null, "pg", "orders"), "PKTABLE_NAME", "PKCOLUMN_NAME", "FKCOLUMN_NAME"))
          .containsExactly("customers | id | customer_id");
      assertThat(rows(md.getCrossReference(null, "pg", "customers", null, "pg", "orders"), "FKTABLE_NAME"))
          .containsExactly("orders");
      assertThat(rows(md.getIndexInfo(null, "pg", "customers", true, true), "NON_UNIQUE")).isNotEmpty()
          .allSatisfy(v -> assertThat(v).isEqualTo("false"));
    }
  }

  @Test
  void avaticasClientSeesThemToo() throws Exception {
    try (Connection c = ServeFixture.avatica(server.port(), "")) {
      assertServed(c);
      // Avatica's own client answers keys itself, with nothing: see the README's "Remote server".
      assertThat(rows(c.getMetaData().getPrimaryKeys(null, "pg", "customers"), "COLUMN_NAME")).isEmpty();
    }
  }
}
