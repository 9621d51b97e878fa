package io.xsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsql.driver.XsqlConnection;
import io.xsql.tck.Rows;
import io.xsql.tck.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import schemacrawler.schema.Catalog;
import schemacrawler.schemacrawler.LoadOptionsBuilder;
import schemacrawler.schemacrawler.SchemaCrawlerOptions;
import schemacrawler.schemacrawler.SchemaCrawlerOptionsBuilder;
import schemacrawler.schemacrawler.SchemaInfoLevelBuilder;
import schemacrawler.tools.utility.SchemaCrawlerUtility;
import us.fatehi.utility.datasource.DatabaseConnectionSources;

/**
 * {@code DatabaseMetaData} through xsql against what pgjdbc and MariaDB Connector/J report for the same
 * objects: schemas (a database's other schemas as {@code source.schema}), tables and views with comments,
 * columns with plain types, sizes, defaults and comments, primary and foreign keys, indexes; plus files,
 * patterns, the type list and what xsql says of itself; and a SchemaCrawler crawl, as tools make one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class MetadataTest {
  private static final String PG = "xsql_meta_pg_" + ProcessHandle.current().pid();
  private static final String MARIA = "xsql_meta_maria_" + ProcessHandle.current().pid();

  @TempDir
  static Path dir;
  private String sources;

  @BeforeAll
  void load() throws Exception {
    TestDatabase.POSTGRES.create(PG);
    DatabaseSources.execute(TestDatabase.POSTGRES, PG,
        "CREATE TABLE customers (id serial PRIMARY KEY, name varchar(40) NOT NULL, balance numeric(10,2), "
            + "born date, seen timestamp, note text, score double precision, small smallint, big bigint, "
            + "flag boolean, code char(3), ratio real)",
        "COMMENT ON TABLE customers IS 'people who buy'",
        "COMMENT ON COLUMN customers.name IS 'full name'",
        "CREATE UNIQUE INDEX customers_name ON customers (name)",
        "CREATE INDEX customers_born ON customers (born DESC, id)",
        "CREATE TABLE a_b (x int)", "CREATE TABLE axb (x int)",
        "CREATE SCHEMA sales",
        "CREATE TABLE sales.orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES public.customers (id) "
            + "ON DELETE CASCADE, qty int DEFAULT 1, total numeric(12,3) GENERATED ALWAYS AS (qty * 2.5) STORED)",
        "CREATE TABLE sales.lines (order_id int, line int, sku varchar(10), PRIMARY KEY (order_id, line), "
            + "CONSTRAINT lines_order FOREIGN KEY (order_id) REFERENCES sales.orders (id))",
        "CREATE INDEX lines_sku ON sales.lines USING hash (sku)",
        "CREATE VIEW sales.big_orders AS SELECT id, qty FROM sales.orders WHERE qty > 10",
        "COMMENT ON VIEW sales.big_orders IS 'orders over ten'",
        "INSERT INTO customers (name) VALUES ('Ann'), ('Bo')",
        "INSERT INTO sales.orders (id, customer_id, qty) VALUES (1, 1, 12), (2, 2, 3)");
    TestDatabase.MARIADB.create(MARIA);
    DatabaseSources.execute(TestDatabase.MARIADB, MARIA,
        "CREATE TABLE authors (id int AUTO_INCREMENT PRIMARY KEY, name varchar(30) NOT NULL COMMENT 'pen name') "
            + "COMMENT 'who writes'",
        "CREATE TABLE books (id int PRIMARY KEY, author_id int, title varchar(100), "
            + "CONSTRAINT books_author FOREIGN KEY (author_id) REFERENCES authors (id) ON UPDATE CASCADE, "
            + "INDEX books_title (title))");
    Files.writeString(dir.resolve("people.csv"), "id,name,salary\n1,Ann,10.5\n");
    Files.writeString(dir.resolve("visits.jsonl"), "{\"day\": 1, \"person\": 1}\n{\"day\": 2, \"person\": 1}\n");
    sources = "  meta: " + TestDatabase.POSTGRES.catalogEntry(PG, "") + "\n"
        + "  lib: " + TestDatabase.MARIADB.catalogEntry(MARIA, "") + "\n"
        + "  people: { type: csv, path: \"" + dir.resolve("people.csv") + "\" }\n"
        + "  visits: { type: jsonl, path: \"" + dir.resolve("visits.jsonl") + "\", sorted_by: [day] }\n";
  }

  @AfterAll
  void drop() throws SQLException {
    TestDatabase.POSTGRES.drop(PG);
    TestDatabase.MARIADB.drop(MARIA);
  }

  private Connection xsql() throws Exception {
    return DatabaseSources.connect(dir, sources);
  }

  /** PostgreSQL's schema as xsql names it: the default one is the source, others are nested. */
  private static String pgSchema(String schema) {
    return schema == null ? null : schema.equals("public") ? "meta" : "meta." + schema;
  }

  /** Rows of a result set as text, the given columns joined; schema columns mapped to xsql's names. */
  private static List<String> rows(ResultSet rs, UnaryOperator<String> schemas, String... columns)
      throws SQLException {
    List<String> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (String c : columns) {
          // pgjdbc says t/f, Connector/J 1/0.
          String v = c.equals("NON_UNIQUE") ? String.valueOf(rs.getBoolean(c)) : rs.getString(c);
          // Connector/J says "" for no comment, xsql NULL.
          values.add(c.endsWith("SCHEM") ? schemas.apply(v) : c.equals("REMARKS") && "".equals(v) ? null : v);
        }
        out.add(String.join(" | ", values));
      }
    }
    return out;
  }

  private static List<String> rows(ResultSet rs, String... columns) throws SQLException {
    return rows(rs, UnaryOperator.identity(), columns);
  }

  @Test
  void schemasNestADatabasesOtherSchemasAndQueriesAcceptTheirNames() throws Exception {
    try (Connection c = xsql()) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(rows(md.getSchemas(), "TABLE_SCHEM", "TABLE_CATALOG"))
          .contains("meta | null", "meta.sales | null", "lib | null", "main | null")
          .doesNotContain("meta.public | null");
      assertThat(rows(md.getSchemas(null, "meta._ales"), "TABLE_SCHEM")).containsExactly("meta.sales");
      assertThat(rows(md.getCatalogs(), "TABLE_CAT")).isEmpty();
      List<String> tables = rows(md.getTables(null, "meta%", "%", null), "TABLE_SCHEM", "TABLE_NAME");
      assertThat(tables).containsExactly("meta | a_b", "meta | axb", "meta | customers", "meta.sales | big_orders",
          "meta.sales | lines", "meta.sales | orders");
      for (String t : tables) {
        String[] parts = t.split(" \\| ");
        String name = "\"" + parts[0].replace(".", "\".\"") + "\".\"" + parts[1] + "\"";
        assertThat(Rows.of(c, "SELECT COUNT(*) FROM " + name)).hasSize(1);
        // What tools write from TABLE_SCHEM, quoting the name for its dot.
        assertThat(Rows.of(c, "SELECT COUNT(*) FROM \"" + parts[0] + "\".\"" + parts[1] + "\"")).hasSize(1);
      }
      assertThat(Rows.of(c, "SELECT o.qty, c.name FROM \"meta.sales\".orders AS o JOIN meta.customers AS c "
          + "ON o.customer_id = c.id ORDER BY o.qty")).containsExactly("3 | Bo", "12 | Ann");
    }
  }

  @Test
  void patternsTakeUnderscoreAsOneCharacterAndTheEscapeLiterally() throws Exception {
    try (Connection c = xsql()) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(md.getSearchStringEscape()).isEqualTo("\\");
      assertThat(rows(md.getTables(null, "meta", "a_b", null), "TABLE_NAME")).containsExactly("a_b", "axb");
      assertThat(rows(md.getTables(null, "meta", "a\\_b", null), "TABLE_NAME")).containsExactly("a_b");
      assertThat(rows(md.getColumns(null, "meta", "customers", "%a%e"), "COLUMN_NAME"))
          .containsExactly("name", "balance");
      assertThat(rows(md.getTables(null, "meta", "%", new String[] {"VIEW"}), "TABLE_NAME")).isEmpty();
      assertThat(rows(md.getTables(null, "meta.sales", "%", new String[] {"VIEW"}), "TABLE_NAME"))
          .containsExactly("big_orders");
    }
  }

  @Test
  void tablesAndViewsWithCommentsAsPostgresReportsThem() throws Exception {
    try (Connection c = xsql(); Connection pg = TestDatabase.POSTGRES.connect(PG)) {
      String[] cols = {"TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS"};
      List<String> expected = new ArrayList<>();
      for (String schema : List.of("public", "sales")) {
        expected.addAll(rows(pg.getMetaData().getTables(null, schema, "%", new String[] {"TABLE", "VIEW"}),
            MetadataTest::pgSchema, cols));
      }
      assertThat(rows(c.getMetaData().getTables(null, "meta%", "%", null), cols))
          .containsExactlyInAnyOrderElementsOf(expected)
          .contains("meta | customers | TABLE | people who buy", "meta.sales | big_orders | VIEW | orders over ten");
    }
  }

  @Test
  void columnsHavePlainTypesAndPgjdbcsSizesDefaultsAndComments() throws Exception {
    try (Connection c = xsql(); Connection pg = TestDatabase.POSTGRES.connect(PG)) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(rows(md.getColumns(null, "meta", "customers", "%"), "COLUMN_NAME", "TYPE_NAME", "DATA_TYPE"))
          .containsExactly("id | INTEGER | " + Types.INTEGER, "name | VARCHAR | " + Types.VARCHAR,
              "balance | DECIMAL | " + Types.DECIMAL, "born | DATE | " + Types.DATE,
              "seen | TIMESTAMP | " + Types.TIMESTAMP, "note | VARCHAR | " + Types.VARCHAR,
              "score | DOUBLE | " + Types.DOUBLE, "small | SMALLINT | " + Types.SMALLINT,
              "big | BIGINT | " + Types.BIGINT, "flag | BOOLEAN | " + Types.BOOLEAN,
              "code | CHAR | " + Types.CHAR, "ratio | REAL | " + Types.REAL);
      // Sizes, digits (not of times: xsql reads milliseconds), nullability, defaults, comments as pgjdbc.
      String[] cols = {"TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "COLUMN_SIZE", "NUM_PREC_RADIX", "NULLABLE",
          "REMARKS", "COLUMN_DEF", "ORDINAL_POSITION", "IS_NULLABLE", "IS_AUTOINCREMENT", "IS_GENERATEDCOLUMN"};
      for (String schema : List.of("public", "sales")) {
        assertThat(rows(md.getColumns(null, pgSchema(schema), "%", "%"), cols))
            .containsExactlyInAnyOrderElementsOf(
                rows(pg.getMetaData().getColumns(null, schema, "%", "%"), MetadataTest::pgSchema, cols));
      }
      assertThat(rows(md.getColumns(null, "meta", "customers", "%"), "COLUMN_NAME", "DECIMAL_DIGITS"))
          .contains("id | 0", "balance | 2", "score | 17", "ratio | 8", "seen | 3", "name | null");
      assertThat(rows(md.getColumns(null, "meta", "customers", "%"), "COLUMN_NAME", "COLUMN_SIZE",
          "IS_AUTOINCREMENT", "REMARKS")).contains("id | 10 | YES | null", "name | 40 | NO | full name",
              "balance | 10 | NO | null", "seen | 29 | NO | null", "note | 2147483647 | NO | null");
    }
  }

  @Test
  void keysAndIndexesAsPostgresReportsThem() throws Exception {
    try (Connection c = xsql(); Connection pg = TestDatabase.POSTGRES.connect(PG)) {
      DatabaseMetaData md = c.getMetaData();
      DatabaseMetaData direct = pg.getMetaData();
      String[] pk = {"TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME"};
      String[] fk = {"PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_SCHEM", "FKTABLE_NAME",
          "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE", "DELETE_RULE", "FK_NAME", "PK_NAME", "DEFERRABILITY"};
      String[] ix = {"TABLE_SCHEM", "TABLE_NAME", "NON_UNIQUE", "INDEX_NAME", "TYPE", "ORDINAL_POSITION",
          "COLUMN_NAME", "ASC_OR_DESC", "FILTER_CONDITION"};
      for (String[] t : List.of(new String[] {"public", "customers"}, new String[] {"sales", "orders"},
          new String[] {"sales", "lines"})) {
        String schema = pgSchema(t[0]);
        assertThat(rows(md.getPrimaryKeys(null, schema, t[1]), pk))
            .containsExactlyElementsOf(rows(direct.getPrimaryKeys(null, t[0], t[1]), MetadataTest::pgSchema, pk));
        assertThat(rows(md.getImportedKeys(null, schema, t[1]), fk)).containsExactlyElementsOf(
            rows(direct.getImportedKeys(null, t[0], t[1]), MetadataTest::pgSchema, fk));
        assertThat(rows(md.getExportedKeys(null, schema, t[1]), fk)).containsExactlyElementsOf(
            rows(direct.getExportedKeys(null, t[0], t[1]), MetadataTest::pgSchema, fk));
        assertThat(rows(md.getIndexInfo(null, schema, t[1], false, true), ix)).containsExactlyElementsOf(
            rows(direct.getIndexInfo(null, t[0], t[1], false, true), MetadataTest::pgSchema, ix));
        assertThat(rows(md.getIndexInfo(null, schema, t[1], true, true), ix)).containsExactlyElementsOf(
            rows(direct.getIndexInfo(null, t[0], t[1], true, true), MetadataTest::pgSchema, ix));
      }
      assertThat(rows(md.getImportedKeys(null, "meta.sales", "orders"), "PKTABLE_SCHEM", "PKTABLE_NAME",
          "FKCOLUMN_NAME")).containsExactly("meta | customers | customer_id");
      assertThat(rows(md.getCrossReference(null, "meta", "customers", null, "meta.sales", "orders"), fk))
          .containsExactlyElementsOf(rows(direct.getCrossReference(null, "public", "customers", null, "sales",
              "orders"), MetadataTest::pgSchema, fk)).hasSize(1);
      assertThat(rows(md.getCrossReference(null, "meta", "customers", null, "meta.sales", "lines"), fk)).isEmpty();
      assertThat(rows(md.getIndexInfo(null, "meta", "customers", false, true), "INDEX_NAME", "COLUMN_NAME",
          "ASC_OR_DESC")).contains("customers_born | born | D", "customers_born | id | A");
    }
  }

  @Test
  void mariadbKeysColumnsAndCommentsAsConnectorJReportsThem() throws Exception {
    try (Connection c = xsql(); Connection maria = TestDatabase.MARIADB.connect(MARIA)) {
      DatabaseMetaData md = c.getMetaData();
      DatabaseMetaData direct = maria.getMetaData();
      UnaryOperator<String> lib = s -> "lib";
      String[] fk = {"PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE",
          "DELETE_RULE", "FK_NAME"};
      assertThat(rows(md.getImportedKeys(null, "lib", "books"), fk))
          .containsExactlyElementsOf(rows(direct.getImportedKeys(MARIA, null, "books"), fk)).hasSize(1);
      assertThat(rows(md.getExportedKeys(null, "lib", "authors"), fk))
          .containsExactlyElementsOf(rows(direct.getExportedKeys(MARIA, null, "authors"), fk)).hasSize(1);
      String[] ix = {"TABLE_NAME", "NON_UNIQUE", "INDEX_NAME", "ORDINAL_POSITION", "COLUMN_NAME"};
      assertThat(rows(md.getIndexInfo(null, "lib", "books", false, true), ix))
          .containsExactlyInAnyOrderElementsOf(rows(direct.getIndexInfo(MARIA, null, "books", false, true), ix));
      String[] cols = {"TABLE_NAME", "COLUMN_NAME", "COLUMN_SIZE", "NULLABLE", "REMARKS", "ORDINAL_POSITION",
          "IS_NULLABLE", "IS_AUTOINCREMENT"};
      assertThat(rows(md.getColumns(null, "lib", "authors", "%"), cols))
          .containsExactlyElementsOf(rows(direct.getColumns(MARIA, null, "authors", "%"), cols))
          .contains("authors | id | 10 | 0 | null | 1 | NO | YES", "authors | name | 30 | 0 | pen name | 2 | NO | NO");
      assertThat(rows(md.getTables(null, "lib", "authors", null), lib, "TABLE_SCHEM", "REMARKS"))
          .containsExactly("lib | who writes");
      assertThat(rows(md.getPrimaryKeys(null, "lib", "books"), "COLUMN_NAME", "KEY_SEQ")).containsExactly("id | 1");
    }
  }

  @Test
  void foreignKeysAppearAfterARefresh() throws Exception {
    try (Connection c = xsql()) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(rows(md.getImportedKeys(null, "meta", "axb"), "FK_NAME")).isEmpty();
      assertThat(rows(md.getPrimaryKeys(null, "meta", "a_b"), "COLUMN_NAME")).isEmpty();
      DatabaseSources.execute(TestDatabase.POSTGRES, PG, "ALTER TABLE a_b ADD PRIMARY KEY (x)",
          "ALTER TABLE axb ADD CONSTRAINT axb_x FOREIGN KEY (x) REFERENCES a_b (x)");
      try {
        assertThat(rows(md.getImportedKeys(null, "meta", "axb"), "FK_NAME")).isEmpty();
        assertThat(rows(md.getPrimaryKeys(null, "meta", "a_b"), "COLUMN_NAME")).isEmpty();
        c.unwrap(XsqlConnection.class).refresh("meta");
        assertThat(rows(md.getImportedKeys(null, "meta", "axb"), "FK_NAME", "PKTABLE_NAME"))
            .containsExactly("axb_x | a_b");
        assertThat(rows(md.getPrimaryKeys(null, "meta", "a_b"), "COLUMN_NAME")).containsExactly("x");
      } finally {
        DatabaseSources.execute(TestDatabase.POSTGRES, PG, "ALTER TABLE axb DROP CONSTRAINT axb_x",
            "ALTER TABLE a_b DROP CONSTRAINT a_b_pkey");
      }
    }
  }

  @Test
  void aSchemaCrawlerCrawlFindsEveryTableColumnAndKey() throws Exception {
    // SchemaCrawler logs every step at INFO through java.util.logging.
    java.util.logging.Logger.getLogger("schemacrawler").setLevel(java.util.logging.Level.WARNING);
    java.util.logging.Logger.getLogger("us.fatehi").setLevel(java.util.logging.Level.WARNING);
    try (Connection c = xsql()) {
      SchemaCrawlerOptions options = SchemaCrawlerOptionsBuilder.newSchemaCrawlerOptions()
          .withLoadOptions(LoadOptionsBuilder.builder().withSchemaInfoLevel(SchemaInfoLevelBuilder.standard())
              .toOptions());
      Catalog catalog = SchemaCrawlerUtility.getCatalog(DatabaseConnectionSources.fromConnection(c), options);
      List<String> tables = new ArrayList<>();
      List<String> columns = new ArrayList<>();
      List<String> keys = new ArrayList<>();
      for (schemacrawler.schema.Table t : catalog.getTables()) {
        String name = t.getSchema().getName() + "." + t.getName();
        tables.add(name);
        t.getColumns().forEach(col -> columns.add(name + "." + col.getName()));
        if (t.hasPrimaryKey()) {
          keys.add("PK " + name + t.getPrimaryKey().getConstrainedColumns().stream().map(col -> col.getName())
              .toList());
        }
        t.getImportedForeignKeys().forEach(fk -> keys.add("FK " + fk.getName() + " " + name + " -> "
            + fk.getPrimaryKeyTable().getSchema().getName() + "." + fk.getPrimaryKeyTable().getName()));
      }
      assertThat(tables).containsExactlyInAnyOrderElementsOf(
          rows(c.getMetaData().getTables(null, null, "%", null), "TABLE_SCHEM", "TABLE_NAME").stream()
              .map(r -> r.replace(" | ", ".")).toList()).contains("lib.authors", "meta.sales.lines", "main.people");
      assertThat(columns).contains("meta.customers.balance", "meta.sales.orders.customer_id", "lib.books.title")
          .hasSize(rows(c.getMetaData().getColumns(null, null, "%", "%"), "COLUMN_NAME").size());
      assertThat(keys).contains("PK meta.customers[id]", "PK meta.sales.lines[order_id, line]",
          "PK lib.books[id]", "FK orders_customer_id_fkey meta.sales.orders -> meta.customers",
          "FK lines_order meta.sales.lines -> meta.sales.orders", "FK books_author lib.books -> lib.authors");
    }
  }

  @Test
  void filesHaveColumnsAndTheirDeclaredOrderAsAnIndex() throws Exception {
    try (Connection c = xsql()) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(rows(md.getColumns(null, "main", "people", "%"), "COLUMN_NAME", "TYPE_NAME", "COLUMN_SIZE",
          "DECIMAL_DIGITS", "NULLABLE", "IS_AUTOINCREMENT", "IS_GENERATEDCOLUMN")).containsExactly(
              "id | INTEGER | 10 | 0 | 1 | NO | NO", "name | VARCHAR | 2147483647 | null | 1 | NO | NO",
              "salary | DOUBLE | 17 | 17 | 1 | NO | NO");
      assertThat(rows(md.getPrimaryKeys(null, "main", "people"), "COLUMN_NAME")).isEmpty();
      assertThat(rows(md.getImportedKeys(null, "main", "people"), "FK_NAME")).isEmpty();
      assertThat(rows(md.getIndexInfo(null, "main", "people", false, true), "INDEX_NAME")).isEmpty();
      // A declared order is an index of the file's.
      assertThat(rows(md.getIndexInfo(null, "main", "visits", false, true), "NON_UNIQUE", "INDEX_NAME",
          "ORDINAL_POSITION", "COLUMN_NAME", "ASC_OR_DESC")).containsExactly("true | sorted_by | 1 | day | A");
    }
  }

  @Test
  void typeInfoListsTheTypesColumnsCanHave() throws Exception {
    try (Connection c = xsql()) {
      DatabaseMetaData md = c.getMetaData();
      List<String> types = rows(md.getTypeInfo(), "TYPE_NAME", "DATA_TYPE", "PRECISION", "LITERAL_PREFIX",
          "LITERAL_SUFFIX");
      assertThat(types).contains("INTEGER | 4 | 10 | null | null", "VARCHAR | 12 | 2147483647 | ' | '",
          "DECIMAL | 3 | 38 | null | null", "TIMESTAMP | 93 | 29 | TIMESTAMP ' | '", "DATE | 91 | 13 | DATE ' | '")
          .noneMatch(t -> t.startsWith("UTINYINT") || t.startsWith("COLUMN_LIST") || t.startsWith("CURSOR")
              || t.startsWith("SYMBOL") || t.startsWith("ANY"));
      assertThat(rows(md.getFunctions(null, null, "%"), "FUNCTION_NAME")).contains("UPPER", "SUM", "COALESCE",
          "CURRENT_DATE", "REGEXP_REPLACE", "TO_CHAR").doesNotContain("AND", "+", "CAST");
      assertThat(rows(md.getFunctions(null, null, "UPP_R"), "FUNCTION_NAME", "FUNCTION_SCHEM"))
          .containsExactly("UPPER | null");
      assertThat(rows(md.getFunctions(null, "meta", "%"), "FUNCTION_NAME")).isEmpty();
      assertThat(md.getJDBCMajorVersion()).isEqualTo(4);
      assertThat(md.getJDBCMinorVersion()).isEqualTo(2);
      assertThat(md.getDatabaseProductName()).isEqualTo("xsql");
      assertThat(md.getDatabaseProductVersion()).isEqualTo(md.getDriverVersion()).isNotBlank();
      assertThat(md.getSQLKeywords()).isNotBlank();
      assertThat(md.supportsOuterJoins()).isTrue();
      assertThat(md.supportsFullOuterJoins()).isTrue();
      assertThat(md.supportsGroupBy()).isTrue();
      assertThat(md.supportsUnion()).isTrue();
      assertThat(md.supportsUnionAll()).isTrue();
      assertThat(md.supportsSubqueriesInExists()).isTrue();
      assertThat(md.supportsSubqueriesInIns()).isTrue();
      assertThat(md.supportsSubqueriesInQuantifieds()).isTrue();
      assertThat(md.supportsCorrelatedSubqueries()).isTrue();
      assertThat(md.supportsResultSetType(ResultSet.TYPE_FORWARD_ONLY)).isTrue();
      assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
      assertThat(Rows.of(c, "SELECT CAST(1 AS INTEGER) = ALL (SELECT 1 FROM (VALUES (1)) AS t(x))"))
          .containsExactly("true");
    }
  }
}
