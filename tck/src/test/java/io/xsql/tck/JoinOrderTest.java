package io.xsql.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Join order across sources: tables of one database join inside it, inputs a condition links never form
 * a cartesian product whatever the order of the FROM clause, and a key implied through a third table
 * links two inputs. Rows are checked against PostgreSQL holding every table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class JoinOrderTest {
  private static final String DATABASE = "xsql_join_order";

  @TempDir
  static Path dir;
  private Path catalog;

  @BeforeAll
  void load() throws Exception {
    TestDatabase.POSTGRES.create(DATABASE);
    StringBuilder colors = new StringBuilder();
    StringBuilder sizes = new StringBuilder();
    StringBuilder people = new StringBuilder();
    StringBuilder shops = new StringBuilder();
    try (Connection c = TestDatabase.POSTGRES.connect(DATABASE); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE customers (id int PRIMARY KEY, name text, color int)");
      s.execute("INSERT INTO customers SELECT g, 'c' || g, g % 7 FROM generate_series(1, 2000) g");
      s.execute("CREATE TABLE orders (id int PRIMARY KEY, customer_id int, size int, total int)");
      s.execute("INSERT INTO orders SELECT g, 1 + g % 2000, g % 5, g % 97 FROM generate_series(1, 20000) g");
      // The reference database holds the files' rows too.
      s.execute("CREATE TABLE colors (id int, label text)");
      s.execute("CREATE TABLE sizes (id int, label text)");
      for (int i = 0; i < 7; i++) {
        colors.append("{\"id\": ").append(i).append(", \"label\": \"color").append(i).append("\"}\n");
        s.execute("INSERT INTO colors VALUES (" + i + ", 'color" + i + "')");
      }
      for (int i = 0; i < 5; i++) {
        sizes.append("{\"id\": ").append(i).append(", \"label\": \"size").append(i).append("\"}\n");
        s.execute("INSERT INTO sizes VALUES (" + i + ", 'size" + i + "')");
      }
      s.execute("CREATE TABLE nations (id int PRIMARY KEY, name text)");
      s.execute("INSERT INTO nations SELECT g, 'n' || g FROM generate_series(0, 9) g");
      s.execute("CREATE TABLE sales (id int PRIMARY KEY, person int, shop int, amount int)");
      s.execute("INSERT INTO sales SELECT g, g % 2000, g % 500, g % 13 FROM generate_series(1, 20000) g");
      s.execute("CREATE TABLE people (id int, nation int)");
      s.execute("CREATE TABLE shops (id int, nation int)");
      for (int i = 0; i < 2000; i++) {
        people.append("{\"id\": ").append(i).append(", \"nation\": ").append(i % 10).append("}\n");
        if (i < 500) {
          shops.append("{\"id\": ").append(i).append(", \"nation\": ").append(i % 7).append("}\n");
        }
      }
      s.execute("INSERT INTO people SELECT g, g % 10 FROM generate_series(0, 1999) g");
      s.execute("INSERT INTO shops SELECT g, g % 7 FROM generate_series(0, 499) g");
      s.execute("ANALYZE");
    }
    Files.writeString(dir.resolve("colors.jsonl"), colors);
    Files.writeString(dir.resolve("sizes.jsonl"), sizes);
    Files.writeString(dir.resolve("people.jsonl"), people);
    Files.writeString(dir.resolve("shops.jsonl"), shops);
    catalog = dir.resolve("catalog.yaml");
    Files.writeString(catalog, "sources:\n"
        + "  pg: " + TestDatabase.POSTGRES.catalogEntry(DATABASE, "") + "\n"
        + "  colors: { type: jsonl, path: colors.jsonl, columns: { id: integer, label: varchar } }\n"
        + "  sizes: { type: jsonl, path: sizes.jsonl, columns: { id: integer, label: varchar } }\n"
        + "  people: { type: jsonl, path: people.jsonl, columns: { id: integer, nation: integer } }\n"
        + "  shops: { type: jsonl, path: shops.jsonl, columns: { id: integer, nation: integer } }\n");
  }

  @AfterAll
  void drop() throws Exception {
    TestDatabase.POSTGRES.drop(DATABASE);
  }

  private List<String> rows(String xsql) throws Exception {
    try (Connection x = DriverManager.getConnection("jdbc:xsql:catalog=" + catalog);
        Connection pg = TestDatabase.POSTGRES.connect(DATABASE)) {
      List<String> expected = Rows.of(pg, xsql.replace("pg.", "")).stream().sorted().toList();
      assertThat(expected).isNotEmpty();
      List<String> actual = Rows.of(x, xsql).stream().sorted().toList();
      assertThat(actual).isEqualTo(expected);
      return actual;
    }
  }

  private String plan(String sql) throws Exception {
    try (Connection x = DriverManager.getConnection("jdbc:xsql:catalog=" + catalog)) {
      return String.join("\n", Rows.of(x, "EXPLAIN PLAN FOR " + sql));
    }
  }

  @Test
  void tablesOfOneDatabaseJoinInsideIt() throws Exception {
    // The FROM clause puts a file between the two PostgreSQL tables.
    String sql = "SELECT k.label, z.label, count(*), sum(o.total) FROM pg.customers c, colors k, sizes z, "
        + "pg.orders o WHERE c.color = k.id AND o.customer_id = c.id AND o.size = z.id AND c.id < 500 "
        + "GROUP BY k.label, z.label";
    rows(sql);
    String plan = plan(sql);
    assertThat(plan).doesNotContain("NestedLoopJoin").contains("customers").contains("orders");
    // PostgreSQL is read once, a statement that joins both tables (scanned whole, or looked up by key).
    assertThat(plan.split("JdbcToXsqlConverter|inner=\\[pg", -1)).as(plan).hasSize(2);
    assertThat(plan).containsAnyOf("JdbcJoin", "INNER JOIN");
  }

  @Test
  void linkedInputsNeverFormACartesianProduct() throws Exception {
    // In the written order, colors and sizes share no condition.
    String sql = "SELECT k.label, z.label, o.id FROM colors k, sizes z, pg.customers c, pg.orders o "
        + "WHERE o.size = z.id AND c.color = k.id AND o.customer_id = c.id AND o.total = 3";
    rows(sql);
    assertThat(plan(sql)).doesNotContain("NestedLoopJoin").doesNotContain("condition=[true]");
  }

  @Test
  void aKeyImpliedThroughAThirdTableLinksTwoInputs() throws Exception {
    // colors and sizes are linked only through o.size = z.id AND o.size = k.id.
    String sql = "SELECT k.label, z.label, count(*) FROM colors k, sizes z, pg.orders o "
        + "WHERE o.size = z.id AND o.size = k.id GROUP BY k.label, z.label";
    rows(sql);
    assertThat(plan(sql)).doesNotContain("NestedLoopJoin");
  }

  @Test
  void columnsEqualToASmallTablesKeyAreNotCountedAsKeys() throws Exception {
    // TPC-H Q5's shape: people and shops share only a nation, which nations (10 rows, keyed) bounds. Taken
    // for keys, the two nation columns made people x shops (about 100,000 rows) look the smallest join.
    String sql = "SELECT n.name, sum(x.amount) FROM people p, shops s, pg.sales x, pg.nations n "
        + "WHERE x.person = p.id AND x.shop = s.id AND p.nation = s.nation AND s.nation = n.id GROUP BY n.name";
    rows(sql);
    List<String> plan = plan(sql).lines().toList();
    for (int i = 0; i < plan.size(); i++) {
      if (plan.get(i).contains("Join(")) {
        String subtree = subtree(plan, i);
        if (subtree.contains("people") && subtree.contains("shops")) {
          assertThat(subtree).as("people and shops join only through sales:\n" + String.join("\n", plan))
              .contains("sales");
        }
      }
    }
  }

  /** The plan's line {@code at} with the lines of its inputs. */
  private static String subtree(List<String> plan, int at) {
    int depth = indent(plan.get(at));
    StringBuilder out = new StringBuilder(plan.get(at));
    for (int i = at + 1; i < plan.size() && indent(plan.get(i)) > depth; i++) {
      out.append('\n').append(plan.get(i));
    }
    return out.toString();
  }

  private static int indent(String line) {
    return line.length() - line.stripLeading().length();
  }

  @Test
  void aWholeFilesKeyHasAValuePerRow() throws Exception {
    // people.id differs in every sampled row: the file's 2,000 rows hold 2,000 ids, not the 63% that
    // drawing 2,000 rows at random from 2,000 values would find.
    String plan;
    try (Connection x = DriverManager.getConnection("jdbc:xsql:catalog=" + catalog)) {
      plan = String.join("\n", Rows.of(x, "EXPLAIN PLAN INCLUDING ALL ATTRIBUTES FOR SELECT id, count(*) FROM people "
          + "GROUP BY id"));
    }
    assertThat(rowCount(plan, "Aggregate")).as(plan).isEqualTo(rowCount(plan, "Scan"));
  }

  @Test
  void notExistsWithAResidualKeepsAShareOfItsRows() throws Exception {
    // TPC-H Q21's shape: NOT EXISTS over the table's own key with another column differing. Estimated as one
    // minus the share of keys matched, it looked like one row; each person's 10 sales pass the residual
    // by its selectivity, so some share of the 20,000 remain (all of them, here).
    String sql = "SELECT count(*) FROM pg.sales a WHERE NOT EXISTS (SELECT 1 FROM pg.sales b "
        + "WHERE b.person = a.person AND b.shop <> a.shop AND b.amount > a.amount)";
    rows(sql);
    String plan;
    try (Connection x = DriverManager.getConnection("jdbc:xsql:catalog=" + catalog)) {
      plan = String.join("\n", Rows.of(x, "EXPLAIN PLAN INCLUDING ALL ATTRIBUTES FOR " + sql));
    }
    String anti = plan.lines().filter(l -> l.contains("joinType=[anti]")).findFirst().orElseThrow();
    assertThat(Double.parseDouble(anti.replaceAll(".*rowcount = ([0-9.E]+),.*", "$1"))).as(plan)
        .isBetween(200.0, 20_000.0);
  }

  /** The estimated rows of the first operator of the plan whose name contains {@code operator}. */
  private static double rowCount(String plan, String operator) {
    String line = plan.lines().filter(l -> l.strip().split("\\(", 2)[0].contains(operator)).findFirst()
        .orElseThrow();
    return Double.parseDouble(line.replaceAll(".*rowcount = ([0-9.E]+),.*", "$1"));
  }

  @Test
  void aFieldEveryBranchOfAnOrRestrictsIsFilteredWhereItIsRead() throws Exception {
    // TPC-H Q19's shape: each branch restricts people's nation and the order's size; the file is read with
    // nation IN (1, 3) (and the OR of the ids), the whole OR checked above the join.
    String sql = "SELECT p.id, o.id FROM pg.orders o JOIN people p ON o.customer_id = p.id "
        + "WHERE (p.nation = 1 AND p.id < 100 AND o.size = 0) "
        + "OR (p.nation = 3 AND p.id BETWEEN 500 AND 600 AND o.size = 2)";
    rows(sql);
    assertThat(plan(sql).lines().filter(l -> l.contains("people.jsonl")).findFirst().orElseThrow())
        .contains("nation IN (1, 3)");
  }

  @Test
  void outerJoinsAmongInnerJoinsKeepTheirMeaning() throws Exception {
    String sql = "SELECT k.label, count(o.id), count(z.id) FROM pg.customers c JOIN colors k ON c.color = k.id "
        + "LEFT JOIN pg.orders o ON o.customer_id = c.id AND o.total = 5 LEFT JOIN sizes z ON z.id = o.size "
        + "AND z.id > 2 GROUP BY k.label";
    rows(sql);
  }
}
