package io.xsql.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.xsql.tck.TestDatabase;
import io.xsql.tck.TpchLayout;
import io.xsql.tck.TpchTableDef;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * Plain Calcite federating the TPC-H sources of a {@link TpchLayout}, as a Calcite user sets it up: a model
 * file with Calcite's JDBC adapter for the PostgreSQL ({@code pg}) and MariaDB ({@code my}) databases, and
 * {@link TpchCalciteTable}s for the rest: the MongoDB collection ({@code mg.part}) and the files (in the
 * default schema). The queries then run as xsql reads them.
 *
 * <p>Calcite's own MongoDB adapter is not used: calcite-mongodb is not published for 1.42 in the registry
 * here, and its newest there (1.36) was built against MongoDB's driver 4, whose {@code listCollectionNames}
 * signature driver 5.5.1 (xsql's, the one driver the jar carries) changed, so it fails with
 * {@code NoSuchMethodError} on first use.
 */
final class TpchCalciteModel {
  private static final String FILE = "calcite-model.json";
  private static final String FILES_SCHEMA = "files";
  /**
   * Identifiers as written, matched in any case: the queries' lower-case names meet the databases' (an
   * upper-cased {@code LINEITEM} would not be found in PostgreSQL).
   */
  private static final String PROPERTIES = ";unquotedCasing=UNCHANGED;caseSensitive=false";

  private TpchCalciteModel() {}

  /** Writes the model into the layout's folder, next to xsql's catalog. */
  static void write(TpchLayout layout) throws IOException {
    try (Writer w = Files.newBufferedWriter(layout.directory().resolve(FILE), StandardCharsets.UTF_8);
        JsonGenerator g = new JsonFactory().createGenerator(w).useDefaultPrettyPrinter()) {
      g.writeStartObject();
      g.writeStringField("version", "1.0");
      g.writeStringField("defaultSchema", FILES_SCHEMA);
      g.writeArrayFieldStart("schemas");
      jdbc(g, TpchLayout.POSTGRES_SOURCE, TestDatabase.POSTGRES, layout.postgresDatabase(), "org.postgresql.Driver");
      jdbc(g, TpchLayout.MARIADB_SOURCE, TestDatabase.MARIADB, layout.mariadbDatabase(), "org.mariadb.jdbc.Driver");
      g.writeStartObject();
      g.writeStringField("name", TpchLayout.MONGODB_SOURCE);
      g.writeArrayFieldStart("tables");
      for (TpchTableDef t : TpchLayout.MONGODB_TABLES) {
        table(g, t, Map.of("uri", layout.mongoUri(), "database", layout.mongoDatabase()));
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeStartObject();
      g.writeStringField("name", FILES_SCHEMA);
      g.writeArrayFieldStart("tables");
      for (TpchTableDef t : TpchLayout.CSV_TABLES) {
        table(g, t, Map.of("path", layout.directory().resolve(t.tableName() + ".csv").toString()));
      }
      for (TpchTableDef t : TpchLayout.JSONL_TABLES) {
        table(g, t, Map.of("path", layout.directory().resolve(t.tableName() + ".jsonl").toString()));
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static void table(JsonGenerator g, TpchTableDef table, Map<String, String> operand) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", table.tableName());
    g.writeStringField("type", "custom");
    g.writeStringField("factory", TpchCalciteTable.Factory.class.getName());
    g.writeObjectFieldStart("operand");
    g.writeStringField("table", table.tableName());
    for (Map.Entry<String, String> e : operand.entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void jdbc(JsonGenerator g, String name, TestDatabase server, String database, String driver)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("name", name);
    g.writeStringField("type", "jdbc");
    g.writeStringField("jdbcUrl", server.url(database));
    g.writeStringField("jdbcUser", server.user());
    g.writeStringField("jdbcPassword", "");
    g.writeStringField("jdbcDriver", driver);
    // PostgreSQL's tables are in schema public; MariaDB's database is a catalog to JDBC.
    g.writeStringField(server == TestDatabase.POSTGRES ? "jdbcSchema" : "jdbcCatalog",
        server == TestDatabase.POSTGRES ? "public" : database);
    g.writeEndObject();
  }

  /** A connection to plain Calcite through the model in {@code directory}. */
  static Connection connect(Path directory) throws SQLException {
    // Calcite's driver registers itself when loaded; xsql's jar announces only its own driver.
    try {
      Class.forName("org.apache.calcite.jdbc.Driver");
    } catch (ClassNotFoundException e) {
      throw new SQLException("Calcite is not on the class path", e);
    }
    return DriverManager.getConnection("jdbc:calcite:model=" + directory.resolve(FILE) + PROPERTIES);
  }
}
