package io.xsql.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lookups into PostgreSQL and reads of one of its tables come through {@code COPY (...) TO STDOUT}: every
 * value and its Java class as the same table read through the driver, text with COPY's escapes, floating specials,
 * NULLs in every column; keys of every type written into the statement, quotes and backslashes included,
 * giving PostgreSQL's own join; and columns COPY's text does not serve read through the driver instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class PostgresCopyTest {
  private static final String DATABASE = "xsql_pg_copy";
  /** Text that COPY escapes or that a literal must quote. */
  private static final List<String> TEXTS = List.of("tab\there", "line\nbreak", "cr\rlf", "back\\slash", "\\N",
      "quote ' and \"", "{braces}, commas", "é漢😀", "", "  padded  ", "NULL", "a\\\"b'c\\");

  @TempDir
  static Path dir;
  private Path catalog;

  @BeforeAll
  void load() throws Exception {
    TestDatabase.POSTGRES.create(DATABASE);
    StringBuilder keys = new StringBuilder();
    try (Connection c = TestDatabase.POSTGRES.connect(DATABASE); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE things (id int PRIMARY KEY, name text, code varchar(20), pad char(5), small int2,"
          + " big int8, amount numeric(14,3), ratio float8, ratio4 float4, flag bool, day date)");
      s.execute("INSERT INTO things SELECT g, 'name ' || g, 'c' || (g % 97), 'p' || (g % 7), (g % 300)::int2,"
          + " g::int8 * 1000000007, (g * 1.125 * CASE WHEN g % 2 = 0 THEN -1 ELSE 1 END)::numeric(14,3),"
          + " g / 7.0, g / 3.0, g % 3 = 0, DATE '1990-01-01' + g FROM generate_series(1, 2000) g");
      s.execute("UPDATE things SET name = NULL, code = NULL, pad = NULL, small = NULL, big = NULL, amount = NULL,"
          + " ratio = NULL, ratio4 = NULL, flag = NULL, day = NULL WHERE id % 50 = 0");
      List<String> ratios = List.of("NaN", "Infinity", "-Infinity", "-0", "1e-300", "1.7976931348623157e308");
      List<String> ratios4 = List.of("NaN", "Infinity", "-Infinity", "-0", "1e-30", "3.4e38", "0.1");
      List<String> days = List.of("1000-06-15", "1582-10-15", "9999-12-31", "1970-01-01");
      try (PreparedStatement p = c.prepareStatement("INSERT INTO things (id, name, code, ratio, ratio4, day)"
          + " VALUES (?, ?, ?, CAST(? AS float8), CAST(? AS float4), CAST(? AS date))")) {
        for (int i = 0; i < TEXTS.size(); i++) {
          p.setInt(1, 3001 + i);
          p.setString(2, TEXTS.get(i));
          p.setString(3, TEXTS.get(i).length() <= 20 ? TEXTS.get(i) : null);
          p.setString(4, ratios.get(i % ratios.size()));
          p.setString(5, ratios4.get(i % ratios4.size()));
          p.setString(6, days.get(i % days.size()));
          p.addBatch();
        }
        p.executeBatch();
      }
      s.execute("CREATE TABLE keyed (t text, d date, n numeric(10,2), b bool, i int, v int)");
      s.execute("CREATE TABLE wanted (t text, d date, n numeric(10,2), b bool, i int)");
      try (PreparedStatement p = c.prepareStatement("INSERT INTO keyed VALUES (?, CAST(? AS date), ?, ?, ?, ?)");
          PreparedStatement w = c.prepareStatement("INSERT INTO wanted VALUES (?, CAST(? AS date), ?, ?, ?)")) {
        for (int i = 0; i < TEXTS.size(); i++) {
          String day = "2024-01-" + (10 + i);
          p.setString(1, TEXTS.get(i));
          p.setString(2, day);
          p.setBigDecimal(3, new java.math.BigDecimal(i + ".25"));
          p.setBoolean(4, i % 2 == 0);
          p.setInt(5, i % 3);
          p.setInt(6, i);
          p.addBatch();
          // Every other key is wanted, so that a lookup that matched everything would show.
          if (i % 2 == 0) {
            w.setString(1, TEXTS.get(i));
            w.setString(2, day);
            w.setBigDecimal(3, new java.math.BigDecimal(i + ".25"));
            w.setBoolean(4, true);
            w.setInt(5, i % 3);
            w.addBatch();
            keys.append("{\"t\": ").append(json(TEXTS.get(i))).append(", \"d\": \"").append(day)
                .append("\", \"n\": ").append(i).append(".25, \"b\": true, \"i\": ").append(i % 3).append("}\n");
          }
        }
        p.executeBatch();
        w.executeBatch();
      }
      s.execute("CREATE TABLE other (id int PRIMARY KEY, seen timestamp(3), u uuid)");
      s.execute("INSERT INTO other SELECT g, TIMESTAMP '2024-01-01 00:00:00' + g * INTERVAL '1 minute',"
          + " md5(g::text)::uuid FROM generate_series(1, 500) g");
      s.execute("CREATE TABLE some_ids (id int)");
      s.execute("INSERT INTO some_ids VALUES (7), (400), (9000)");
      s.execute("ANALYZE");
    }
    StringBuilder ids = new StringBuilder();
    for (int id = 1; id <= 3020; id += 3) {
      ids.append("{\"id\": ").append(id).append("}\n");
    }
    Files.writeString(dir.resolve("ids.jsonl"), ids);
    Files.writeString(dir.resolve("wanted.jsonl"), keys);
    Files.writeString(dir.resolve("some_ids.jsonl"), "{\"id\": 7}\n{\"id\": 400}\n{\"id\": 9000}\n");
    catalog = dir.resolve("catalog.yaml");
    Files.writeString(catalog, "sources:\n"
        + "  pg: " + TestDatabase.POSTGRES.catalogEntry(DATABASE, "") + "\n"
        + "  ids: { type: jsonl, path: ids.jsonl, columns: { id: integer } }\n"
        + "  some_ids: { type: jsonl, path: some_ids.jsonl, columns: { id: integer } }\n"
        + "  wanted: { type: jsonl, path: wanted.jsonl,"
        + " columns: { t: varchar, d: date, n: \"decimal(10,2)\", b: boolean, i: integer } }\n");
  }

  @AfterAll
  void drop() throws SQLException {
    TestDatabase.POSTGRES.drop(DATABASE);
  }

  @Test
  void everyValueAndItsClassIsTheDriversRead() throws Exception {
    String lookup = "SELECT /*+ LOOKUP_JOIN(t) */ t.* FROM ids k JOIN pg.things t ON t.id = k.id";
    try (Connection x = connect()) {
      // Sorted and limited in PostgreSQL, the statement is not one table's read: the driver reads it.
      List<List<Object>> read = values(x, "SELECT * FROM pg.things ORDER BY id LIMIT 100000");
      assertThat(requests(x)).isNotEmpty().noneMatch(r -> r.startsWith("COPY"));
      List<List<Object>> scanned = values(x, "SELECT * FROM pg.things");
      assertThat(requests(x)).containsExactly("COPY (SELECT *\nFROM \"public\".\"things\") TO STDOUT");
      assertThat(String.join("\n", Rows.of(x, "EXPLAIN PLAN FOR " + lookup))).contains("strategy=[LOOKUP]");
      List<List<Object>> copied = values(x, lookup);
      assertThat(requests(x)).anyMatch(r -> r.startsWith("COPY (SELECT"));
      assertThat(scanned).hasSizeGreaterThan(2000).isEqualTo(read);
      // Read again more often than the pool has connections: each read gives its connection back.
      for (int i = 0; i < 12; i++) {
        assertThat(Rows.of(x, "SELECT id FROM pg.things WHERE id > 3000")).hasSize(TEXTS.size());
      }
      assertThat(Rows.of(x, "SELECT detail FROM xsql.sources WHERE source = 'pg'")).singleElement()
          .asString().startsWith("pool: 0 in use");
      assertThat(copied).hasSizeGreaterThan(600)
          .isEqualTo(read.stream().filter(row -> (Integer) row.get(0) % 3 == 1).toList());
      assertThat(read).anyMatch(row -> row.get(1) != null && row.get(1).toString().startsWith("tab\t"))
          .anyMatch(row -> row.get(7) instanceof Double d && d.isNaN())
          .anyMatch(row -> row.stream().skip(1).allMatch(v -> v == null));
    }
  }

  @Test
  void keysOfEveryTypeFindWhatPostgresJoinFinds() throws Exception {
    try (Connection x = connect(); Connection pg = TestDatabase.POSTGRES.connect(DATABASE)) {
      for (String on : List.of("t.t = k.t", "t.d = k.d", "t.n = k.n", "t.b = k.b", "t.i = k.i AND t.t = k.t")) {
        String sql = "SELECT %s k.t, t.v FROM %s k JOIN %s t ON " + on;
        List<String> expected = sorted(Rows.of(pg, String.format(sql, "", "wanted", "keyed")));
        assertThat(expected).as(on).isNotEmpty();
        assertThat(sorted(Rows.of(x, String.format(sql, "/*+ LOOKUP_JOIN(t) */", "wanted", "pg.keyed"))))
            .as(on).isEqualTo(expected);
        assertThat(requests(x)).as(on).anyMatch(r -> r.startsWith("COPY ("));
      }
    }
  }

  @Test
  void columnsCopyDoesNotReadComeThroughTheDriver() throws Exception {
    String sql = "SELECT %s t.id, t.seen, t.u FROM %s k JOIN %s t ON t.id = k.id";
    try (Connection x = connect(); Connection pg = TestDatabase.POSTGRES.connect(DATABASE)) {
      List<String> expected = sorted(Rows.of(pg, String.format(sql, "", "some_ids", "other")));
      assertThat(expected).hasSize(2);
      assertThat(sorted(Rows.of(x, String.format(sql, "/*+ LOOKUP_JOIN(t) */", "some_ids", "pg.other"))))
          .isEqualTo(expected);
      assertThat(requests(x)).isNotEmpty().noneMatch(r -> r.startsWith("COPY"));
      String scan = "SELECT id, seen, u FROM %s WHERE id > 250";
      List<String> all = sorted(Rows.of(pg, String.format(scan, "other")));
      assertThat(all).hasSize(250);
      assertThat(sorted(Rows.of(x, String.format(scan, "pg.other")))).isEqualTo(all);
      assertThat(requests(x)).isNotEmpty().noneMatch(r -> r.startsWith("COPY"));
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:xsql:catalog=" + catalog);
  }

  /** What the last query asked PostgreSQL. */
  private static List<String> requests(Connection x) throws SQLException {
    return Rows.of(x, "SELECT request FROM xsql.queries WHERE source = 'pg' AND query_id ="
        + " (SELECT MAX(query_id) FROM xsql.queries WHERE query_text NOT LIKE '%xsql.queries%')");
  }

  /** Each row's values as {@code getObject} gives them, ordered by the first. */
  private static List<List<Object>> values(Connection c, String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Object[] row = new Object[columns];
        for (int i = 0; i < columns; i++) {
          row[i] = rs.getObject(i + 1);
        }
        rows.add(Arrays.asList(row));
      }
    }
    rows.sort((a, b) -> Integer.compare((Integer) a.get(0), (Integer) b.get(0)));
    return rows;
  }

  private static List<String> sorted(List<String> rows) {
    return rows.stream().sorted().toList();
  }

  private static String json(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(ch);
      }
    }
    return out.append('"').toString();
  }
}
