package io.xsql.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The differential suite of joins: every query runs with each strategy forced by a hint, with xsql's
 * choice, with xsql's join strategies off, and on H2; all must return the same multiset of rows. A forced
 * strategy that cannot run must fail with 0A000, never return other rows; each case names the strategies
 * that must run.
 *
 * <p>Tables live in different systems: {@code people} in a JSON Lines file (looked up through its index),
 * {@code roster} the same rows in a CSV file declared sorted by id, {@code labels} in a CSV file,
 * {@code teams} and {@code empty} in PostgreSQL, {@code events} in MariaDB, {@code bands} (ranges of ids)
 * in a CSV file declared sorted by its lower bound and in PostgreSQL as {@code ranges}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JoinStrategiesTest {
  /** How a strategy is forced; AUTO forces none, OFF turns xsql's strategies off. */
  enum Mode {
    AUTO(""), OFF(""), LOOKUP("LOOKUP_JOIN"), MERGE("MERGE_JOIN"), MMAP("MMAP_JOIN"), HASH("HASH_JOIN");

    final String hint;

    Mode(String hint) {
      this.hint = hint;
    }
  }

  private static final Set<Mode> FORCED = EnumSet.of(Mode.LOOKUP, Mode.MERGE, Mode.MMAP, Mode.HASH);

  /**
   * One join query.
   *
   * @param name what it tests
   * @param sql the query, {@code %s} where the hint goes, tables as {@code {name}}
   * @param inner the alias the hint names
   * @param mustRun the forced strategies that must run (the others may fail with 0A000)
   * @param reference the query for H2 when it differs (H2 has no FULL JOIN), else empty
   */
  record Case(String name, String sql, String inner, Set<Mode> mustRun, String reference) {
    Case(String name, String sql, String inner, Set<Mode> mustRun) {
      this(name, sql, inner, mustRun, "");
    }

    @Override
    public String toString() {
      return name;
    }
  }

  @TempDir
  static Path dir;
  private final List<Table> tables = new ArrayList<>();
  private Connection h2;
  private Path catalog;

  /** A table of the fixture: where it lives, its columns as H2 writes them, its rows. */
  private record Table(String name, String home, List<String> columns, List<String> types, List<Object[]> rows) {
    String xsqlName() {
      return switch (home) {
        case "pg" -> "pg." + name;
        case "shop" -> "shop." + name;
        default -> name;
      };
    }
  }

  @BeforeAll
  void load() throws Exception {
    Random random = new Random(20261121);
    List<Object[]> people = new ArrayList<>();
    for (int id = 1; id <= 60; id++) {
      Integer team = random.nextInt(10) == 0 ? null : random.nextInt(11);
      String code = random.nextInt(8) == 0 ? null : "abcA".substring(random.nextInt(4)).substring(0, 1);
      people.add(new Object[] {id, team, "p" + id, code});
      if (id % 17 == 0) {
        people.add(new Object[] {id, team, "p" + id + "'dup", code});
      }
    }
    List<Object[]> teams = new ArrayList<>();
    for (int id = 0; id < 9; id++) {
      teams.add(new Object[] {id, 1 + id % 2, "team " + id, "abc".substring(id % 3, id % 3 + 1)});
    }
    teams.add(new Object[] {3, 2, "team 3 again", "a"});
    teams.add(new Object[] {null, 1, "no id", "b"});
    List<Object[]> events = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      Long team = random.nextInt(12) == 0 ? null : (long) random.nextInt(13);
      events.add(new Object[] {team, "kind" + random.nextInt(4), i});
    }
    List<Object[]> labels = new ArrayList<>();
    for (String code : new String[] {"a", "b", "c", "d", "A", "1", "2"}) {
      labels.add(new Object[] {code, "label " + code});
    }
    labels.add(new Object[] {"a", "second a"});
    labels.add(new Object[] {null, "no code"});
    List<Object[]> bands = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Integer lo = random.nextInt(15) == 0 ? null : random.nextInt(64);
      Integer hi = random.nextInt(15) == 0 || lo == null ? null : Integer.valueOf(lo + random.nextInt(9) - 1);
      bands.add(new Object[] {lo, hi, "band " + i});
    }
    bands.sort(Comparator.comparing(b -> (Integer) b[0], Comparator.nullsLast(Comparator.naturalOrder())));
    List<String> personColumns = List.of("id", "team", "name", "code");
    List<String> personTypes = List.of("INTEGER", "INTEGER", "VARCHAR(40)", "VARCHAR(5)");
    tables.add(new Table("people", "jsonl", personColumns, personTypes, people));
    tables.add(new Table("roster", "csv", personColumns, personTypes, people));
    tables.add(new Table("labels", "csv", List.of("code", "text"), List.of("VARCHAR(5)", "VARCHAR(40)"), labels));
    tables.add(new Table("teams", "pg", List.of("id", "region", "label", "code"),
        List.of("INTEGER", "INTEGER", "VARCHAR(40)", "VARCHAR(5)"), teams));
    List<String> bandColumns = List.of("lo", "hi", "name");
    List<String> bandTypes = List.of("INTEGER", "INTEGER", "VARCHAR(40)");
    tables.add(new Table("bands", "csv", bandColumns, bandTypes, bands));
    tables.add(new Table("ranges", "pg", bandColumns, bandTypes, bands));
    tables.add(new Table("nothing", "pg", List.of("id", "x"), List.of("INTEGER", "INTEGER"), List.of()));
    tables.add(new Table("events", "shop", List.of("team", "kind", "n"), List.of("BIGINT", "VARCHAR(10)",
        "INTEGER"), events));

    h2 = DriverManager.getConnection("jdbc:h2:mem:joins;DATABASE_TO_UPPER=FALSE");
    TestDatabase.POSTGRES.create("xsql_joins_pg");
    TestDatabase.MARIADB.create("xsql_joins_maria");
    for (Table t : tables) {
      insert(h2, t, false);
      switch (t.home()) {
        case "pg" -> {
          try (Connection c = TestDatabase.POSTGRES.connect("xsql_joins_pg")) {
            insert(c, t, true);
          }
        }
        case "shop" -> {
          try (Connection c = TestDatabase.MARIADB.connect("xsql_joins_maria")) {
            insert(c, t, false);
          }
        }
        default -> writeFile(t);
      }
    }
    catalog = dir.resolve("catalog.yaml");
    Files.writeString(catalog, "sources:\n"
        + "  pg: " + TestDatabase.POSTGRES.catalogEntry("xsql_joins_pg", "") + "\n"
        + "  shop: " + TestDatabase.MARIADB.catalogEntry("xsql_joins_maria", "") + "\n"
        + "  people: { type: jsonl, path: people.jsonl, index_dir: index,"
        + " columns: { id: integer, team: integer, name: varchar, code: varchar } }\n"
        + "  roster: { type: csv, path: roster.csv, sorted_by: [id],"
        + " columns: { id: integer, team: integer, name: varchar, code: varchar } }\n"
        + "  labels: { type: csv, path: labels.csv, columns: { code: varchar, text: varchar } }\n"
        + "  bands: { type: csv, path: bands.csv, sorted_by: [lo], columns: { lo: integer, hi: integer,"
        + " name: varchar } }\n");
  }

  @AfterAll
  void close() throws SQLException {
    h2.close();
    TestDatabase.POSTGRES.drop("xsql_joins_pg");
    TestDatabase.MARIADB.drop("xsql_joins_maria");
  }

  private static void insert(Connection c, Table t, boolean analyze) throws SQLException {
    try (Statement s = c.createStatement()) {
      List<String> defs = new ArrayList<>();
      for (int i = 0; i < t.columns().size(); i++) {
        defs.add(t.columns().get(i) + " " + t.types().get(i));
      }
      s.execute("CREATE TABLE " + t.name() + " (" + String.join(", ", defs) + ")");
    }
    String marks = t.columns().stream().map(x -> "?").collect(Collectors.joining(", "));
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t.name() + " VALUES (" + marks + ")")) {
      for (Object[] row : t.rows()) {
        for (int i = 0; i < row.length; i++) {
          ps.setObject(i + 1, row[i]);
        }
        ps.executeUpdate();
      }
    }
    if (analyze) {
      try (Statement s = c.createStatement()) {
        s.execute("ANALYZE " + t.name());
      }
    }
  }

  private static void writeFile(Table t) throws Exception {
    StringBuilder b = new StringBuilder();
    if (t.home().equals("jsonl")) {
      for (Object[] row : t.rows()) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < row.length; i++) {
          Object v = row[i];
          fields.add("\"" + t.columns().get(i) + "\": " + (v == null ? "null"
              : v instanceof String s ? "\"" + s + "\"" : v));
        }
        b.append('{').append(String.join(", ", fields)).append("}\n");
      }
    } else {
      b.append(String.join(",", t.columns())).append('\n');
      for (Object[] row : t.rows()) {
        b.append(Stream.of(row).map(v -> v == null ? "" : v instanceof String s ? "\"" + s + "\"" : v.toString())
            .collect(Collectors.joining(","))).append('\n');
      }
    }
    Files.writeString(dir.resolve(t.name() + "." + t.home()), b);
  }

  static List<Case> cases() {
    Set<Mode> all = EnumSet.of(Mode.LOOKUP, Mode.MERGE, Mode.HASH);
    Set<Mode> mergeHash = EnumSet.of(Mode.MERGE, Mode.HASH);
    Set<Mode> intoFile = EnumSet.of(Mode.LOOKUP, Mode.MMAP, Mode.MERGE, Mode.HASH);
    return List.of(
        new Case("inner join into a database", "SELECT %s p.id, p.name, t.label FROM {people} p "
            + "JOIN {teams} t ON p.team = t.id", "t", all),
        new Case("the same with the tables the other way round", "SELECT %s p.id, p.name, t.label "
            + "FROM {teams} t JOIN {people} p ON p.team = t.id", "t", all),
        new Case("inner join into a file's index", "SELECT %s t.id, p.name FROM {teams} t "
            + "JOIN {people} p ON p.team = t.id", "p", EnumSet.of(Mode.LOOKUP, Mode.MMAP, Mode.MERGE,
            Mode.HASH)),
        new Case("left join, NULL and duplicate keys on both sides", "SELECT %s p.id, t.id, t.label "
            + "FROM {people} p LEFT JOIN {teams} t ON p.team = t.id", "t", all),
        new Case("a predicate on the inner side of a left join", "SELECT %s p.id, t.label FROM {people} p "
            + "LEFT JOIN {teams} t ON p.team = t.id AND t.region = 1", "t", all),
        new Case("left join anti-join", "SELECT %s p.id FROM {people} p LEFT JOIN {teams} t "
            + "ON p.team = t.id WHERE t.id IS NULL", "t", all),
        new Case("right join", "SELECT %s p.id, t.id, t.label FROM {people} p "
            + "RIGHT JOIN {teams} t ON p.team = t.id", "t", mergeHash),
        new Case("full join", "SELECT %s p.id, t.id FROM {people} p FULL JOIN {teams} t "
            + "ON p.team = t.id", "t", EnumSet.of(Mode.MERGE), "SELECT p.id, t.id FROM people p LEFT JOIN teams t "
            + "ON p.team = t.id UNION ALL SELECT NULL, t.id FROM teams t WHERE NOT EXISTS "
            + "(SELECT 1 FROM people p WHERE p.team = t.id)"),
        // The database's VARCHAR(5) meets the file's VARCHAR through a cast, which lookups do not take.
        new Case("composite keys", "SELECT %s p.id, t.label FROM {people} p JOIN {teams} t "
            + "ON p.team = t.id AND p.code = t.code", "t", mergeHash),
        new Case("composite keys into a file", "SELECT %s t.id, p.name FROM {teams} t JOIN {people} p "
            + "ON p.team = t.id AND p.code = t.code", "p", EnumSet.of(Mode.MMAP, Mode.MERGE, Mode.HASH)),
        new Case("INTEGER against BIGINT keys", "SELECT %s p.id, e.n FROM {people} p "
            + "JOIN {events} e ON p.team = e.team", "e", all),
        new Case("BIGINT keys into a database's INTEGER column", "SELECT %s e.n, t.label FROM {events} e "
            + "JOIN {teams} t ON t.id = e.team", "t", all),
        new Case("VARCHAR keys", "SELECT %s p.id, l.text FROM {people} p LEFT JOIN {labels} l "
            + "ON p.code = l.code", "l", mergeHash),
        new Case("self join", "SELECT %s a.id, b.id FROM {people} a JOIN {people} b "
            + "ON a.team = b.team", "b", EnumSet.of(Mode.LOOKUP, Mode.MMAP, Mode.MERGE, Mode.HASH)),
        new Case("equal keys and another condition", "SELECT %s p.id, t.label FROM {people} p "
            + "JOIN {teams} t ON p.team = t.id AND p.id > t.id", "t", all),
        new Case("a self join on equal keys and an order", "SELECT %s a.id, b.id FROM {people} a "
            + "JOIN {people} b ON a.team = b.team AND a.id < b.id", "b",
            EnumSet.of(Mode.LOOKUP, Mode.MMAP, Mode.MERGE, Mode.HASH)),
        new Case("another condition that NULLs make unknown", "SELECT %s p.id, l.text FROM {people} p "
            + "JOIN {labels} l ON p.code = l.code AND (p.name < l.text OR l.text IS NULL)", "l", mergeHash),
        new Case("a left join on equal keys and another condition", "SELECT %s p.id, t.label FROM {people} p "
            + "LEFT JOIN {teams} t ON p.team = t.id AND p.id > t.id * 5", "t", all),
        new Case("EXISTS with another condition", "SELECT %s p.id FROM {people} p WHERE EXISTS "
            + "(SELECT 1 FROM {teams} t WHERE t.id = p.team AND t.region * 20 < p.id)", "t", all),
        new Case("NOT EXISTS with another condition", "SELECT %s p.id FROM {people} p WHERE NOT EXISTS "
            + "(SELECT 1 FROM {teams} t WHERE t.id = p.team AND t.region * 20 < p.id)", "t", all),
        // people.code is NULL in some rows: the condition is unknown there, which no pair passes.
        new Case("a left join whose other condition meets NULLs", "SELECT %s p.id, t.label FROM {people} p "
            + "LEFT JOIN {teams} t ON p.team = t.id AND p.code <> t.code", "t", all),
        new Case("EXISTS whose other condition meets NULLs", "SELECT %s p.id FROM {people} p WHERE EXISTS "
            + "(SELECT 1 FROM {teams} t WHERE t.id = p.team AND t.code > p.code)", "t", all),
        new Case("NOT EXISTS whose other condition meets NULLs", "SELECT %s p.id FROM {people} p WHERE NOT EXISTS "
            + "(SELECT 1 FROM {teams} t WHERE t.id = p.team AND t.code > p.code)", "t", all),
        new Case("a left join into a file's index with another condition", "SELECT %s t.id, t.code, p.name "
            + "FROM {teams} t LEFT JOIN {people} p ON p.team = t.id AND p.code >= t.code", "p", intoFile),
        new Case("EXISTS into a file's index with another condition", "SELECT %s t.label FROM {teams} t "
            + "WHERE EXISTS (SELECT 1 FROM {people} p WHERE p.team = t.id AND p.code < t.code)", "p", intoFile),
        new Case("NOT EXISTS into a file's index with another condition", "SELECT %s t.label FROM {teams} t "
            + "WHERE NOT EXISTS (SELECT 1 FROM {people} p WHERE p.team = t.id AND p.code < t.code)", "p",
            intoFile),
        new Case("a left self join of sorted files with another condition", "SELECT %s a.id, b.id "
            + "FROM {roster} a LEFT JOIN {roster} b ON a.team = b.team AND a.id + 20 < b.id", "b", intoFile),
        new Case("a self join inside one database", "SELECT %s a.id, b.label FROM {teams} a "
            + "LEFT JOIN {teams} b ON a.id = b.id AND a.region < b.region + a.id", "b", EnumSet.noneOf(Mode.class)),
        new Case("ids in ranges of a sorted file", "SELECT %s r.id, b.name FROM {roster} r JOIN {bands} b "
            + "ON r.id BETWEEN b.lo AND b.hi", "b", EnumSet.of(Mode.MERGE)),
        new Case("a left join on a range with another condition", "SELECT %s r.id, b.name FROM {roster} r "
            + "LEFT JOIN {bands} b ON r.id >= b.lo AND r.id < b.hi AND r.code <> 'a'", "b", EnumSet.of(Mode.MERGE)),
        new Case("EXISTS on a range", "SELECT %s r.id FROM {roster} r WHERE EXISTS (SELECT 1 FROM {bands} b "
            + "WHERE r.id > b.lo AND r.id <= b.hi)", "b", EnumSet.of(Mode.MERGE)),
        new Case("NOT EXISTS on a range", "SELECT %s r.id FROM {roster} r WHERE NOT EXISTS (SELECT 1 FROM {bands} b "
            + "WHERE r.id BETWEEN b.lo AND b.hi)", "b", EnumSet.of(Mode.MERGE)),
        new Case("ranges in a database around unsorted ids", "SELECT %s g.name, p.id FROM {ranges} g "
            + "JOIN {people} p ON p.id BETWEEN g.lo AND g.hi", "g", EnumSet.of(Mode.MERGE)),
        new Case("a right join with another condition", "SELECT %s p.id, t.id FROM {people} p "
            + "RIGHT JOIN {teams} t ON p.team = t.id AND p.id > t.id * 5", "t", mergeHash),
        new Case("a full join with another condition", "SELECT %s p.id, t.id FROM {people} p FULL JOIN {teams} t "
            + "ON p.team = t.id AND p.id > t.id * 5", "t", EnumSet.of(Mode.MERGE, Mode.HASH), "SELECT p.id, t.id "
            + "FROM people p LEFT JOIN teams t ON p.team = t.id AND p.id > t.id * 5 UNION ALL SELECT NULL, t.id "
            + "FROM teams t WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.team = t.id AND p.id > t.id * 5)"),
        new Case("a range and no equal keys", "SELECT %s p.id, t.id FROM {people} p JOIN {teams} t "
            + "ON p.id BETWEEN t.id * 5 AND t.id * 5 + 7", "t", EnumSet.noneOf(Mode.class)),
        new Case("an empty inner side", "SELECT %s p.id, x.x FROM {people} p LEFT JOIN {nothing} x "
            + "ON p.id = x.id", "x", all),
        new Case("an empty outer side", "SELECT %s x.id, p.id FROM {nothing} x JOIN {people} p "
            + "ON p.id = x.id", "p", EnumSet.of(Mode.LOOKUP, Mode.MMAP, Mode.MERGE, Mode.HASH)),
        new Case("IN becomes a semi-join", "SELECT %s p.id FROM {people} p WHERE p.team IN "
            + "(SELECT t.id FROM {teams} t WHERE t.region = 2)", "t", all),
        new Case("NOT EXISTS becomes an anti-join", "SELECT %s p.id FROM {people} p WHERE NOT EXISTS "
            + "(SELECT 1 FROM {teams} t WHERE t.id = p.team)", "t", all),
        new Case("NOT IN with NULLs inside", "SELECT %s p.id FROM {people} p WHERE p.team NOT IN "
            + "(SELECT e.team FROM {events} e)", "e", EnumSet.noneOf(Mode.class)),
        new Case("two sorted files merge", "SELECT %s r.id, p.name FROM {roster} r JOIN {people} p "
            + "ON r.id = p.id", "p", EnumSet.of(Mode.LOOKUP, Mode.MMAP, Mode.MERGE, Mode.HASH)),
        new Case("a chain of five sources", "SELECT %s p.id, t.label, e.n, l.text, r.name FROM {people} p "
            + "JOIN {teams} t ON p.team = t.id JOIN {events} e ON e.team = t.id "
            + "LEFT JOIN {labels} l ON l.code = t.code JOIN {roster} r ON r.id = p.id", "t", all));
  }

  static Stream<Object[]> runs() {
    return cases().stream().flatMap(c -> Stream.of(Mode.values()).map(m -> new Object[] {c, m}));
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("runs")
  void everyStrategyReturnsTheReferenceRows(Case c, Mode mode) throws Exception {
    List<String> expected = sorted(Rows.of(h2, c.reference().isEmpty() ? sql(c, Mode.AUTO, false)
        : c.reference()));
    String sql = sql(c, mode, true);
    try (Connection x = connect(mode == Mode.OFF)) {
      try {
        assertThat(sorted(Rows.of(x, sql))).as(sql).isEqualTo(expected);
      } catch (SQLException e) {
        assertThat(e.getSQLState()).as(sql + ": " + e.getMessage()).isEqualTo("0A000");
        assertThat(c.mustRun()).as(sql + " must run, but: " + e.getMessage()).doesNotContain(mode);
        return;
      }
      if (FORCED.contains(mode) && c.mustRun().contains(mode)) {
        String plan = plan(x, sql);
        switch (mode) {
          case HASH -> assertThat(plan).as(sql).contains("EnumerableHashJoin");
          // A lookup into a file's index is the mmap join.
          case LOOKUP -> assertThat(plan).as(sql).containsAnyOf("strategy=[LOOKUP]", "strategy=[MMAP]");
          default -> assertThat(plan).as(sql).contains("strategy=[" + mode.name() + "]");
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " AND t.label <> 'team 3'"})
  void firstMatchJoinsEachOuterRowWithOneInnerRowAtMost(String residual) throws Exception {
    // teams holds id 3 twice; each person of team 3 must come out once, with one of the two labels. With
    // the other condition only the second passes: the first row that passes it must be taken.
    String matches = "SELECT p.id, t.label FROM people p JOIN teams t ON p.team = t.id" + residual;
    List<String> all = Rows.of(h2, matches);
    List<String> outerWithMatch = Rows.of(h2, "SELECT p.id FROM people p WHERE EXISTS "
        + "(SELECT 1 FROM teams t WHERE t.id = p.team" + residual + ")");
    for (String hint : List.of("", "LOOKUP_JOIN(t)", "MERGE_JOIN(t)")) {
      String sql = "SELECT /*+ FIRST_MATCH(t)" + (hint.isEmpty() ? "" : ", " + hint) + " */ p.id, t.label "
          + "FROM people p JOIN pg.teams t ON p.team = t.id" + residual;
      try (Connection x = connect(false)) {
        List<String> rows = Rows.of(x, sql);
        assertThat(rows).as(sql).hasSameSizeAs(outerWithMatch).isSubsetOf(all);
        assertThat(rows.stream().map(r -> r.split(" \\| ")[0]).sorted().toList()).as(sql)
            .isEqualTo(sorted(outerWithMatch));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ", LOOKUP_JOIN(%s)", ", MMAP_JOIN(%s)", ", MERGE_JOIN(%s)"})
  void aHintInASelfJoinNamesTheSideOfItsAlias(String strategy) throws Exception {
    // FIRST_MATCH(b) keeps each row of a once (with one b); FIRST_MATCH(a) each row of b: different rows.
    String pairs = "SELECT a.id, b.id FROM people a JOIN people b ON a.team = b.team AND a.id < b.id";
    List<String> all = Rows.of(h2, pairs);
    for (String inner : List.of("a", "b")) {
      String outer = inner.equals("a") ? "b" : "a";
      List<String> outerWithMatch = Rows.of(h2, "SELECT " + outer + ".id FROM people " + outer
          + " WHERE EXISTS (SELECT 1 FROM people " + inner + " WHERE a.team = b.team AND a.id < b.id)");
      String sql = pairs.replace("SELECT", "SELECT /*+ FIRST_MATCH(" + inner + ")" + strategy.replace("%s", inner)
          + " */");
      try (Connection x = connect(false)) {
        List<String> rows = Rows.of(x, sql);
        assertThat(rows).as(sql).hasSameSizeAs(outerWithMatch).isSubsetOf(all);
        assertThat(rows.stream().map(r -> r.split(" \\| ")[inner.equals("a") ? 1 : 0]).sorted().toList())
            .as(sql).isEqualTo(sorted(outerWithMatch));
        if (strategy.contains("LOOKUP") || strategy.contains("MMAP")) {
          // Only the outer side is scanned; the inner one is looked up through the file's index.
          assertThat(plan(x, sql)).as(sql).contains("alias=[" + outer + "]").doesNotContain("alias=[" + inner + "]");
        }
      }
    }
  }

  @Test
  void theChoiceFollowsWhatSourcesDeclare() throws Exception {
    try (Connection x = connect(false)) {
      // A few keys against a database table: looked up.
      assertThat(plan(x, "SELECT l.code, t.label FROM labels l JOIN pg.teams t ON t.id = 3"))
          .doesNotContain("strategy=[MERGE]");
      // Two files declared sorted on the key: merged without sorting.
      String merged = plan(x, "SELECT r.id, r2.name FROM roster r JOIN roster r2 ON r.id = r2.id");
      assertThat(merged).contains("strategy=[MERGE]").doesNotContain("EnumerableSort");
      // A file sorted on ids in ranges of a file sorted on their lower bounds: a band join, no sort.
      assertThat(plan(x, "SELECT r.id, b.name FROM roster r JOIN bands b ON r.id BETWEEN b.lo AND b.hi"))
          .contains("XsqlBandJoin").contains("band=[id from lo to hi]").doesNotContain("EnumerableSort");
      // Turned off, Calcite plans alone.
      try (Connection off = connect(true)) {
        assertThat(plan(off, "SELECT r.id, r2.name FROM roster r JOIN roster r2 ON r.id = r2.id"))
            .doesNotContain("strategy=");
      }
    }
  }

  @Test
  void explainShowsTheLookupRequestAndTheIndex() throws Exception {
    try (Connection x = connect(false)) {
      String lookup = plan(x, "SELECT /*+ LOOKUP_JOIN(t) */ p.id, t.label FROM people p JOIN pg.teams t "
          + "ON p.team = t.id");
      assertThat(lookup).contains("strategy=[LOOKUP]").contains("batch=[").contains("request=[")
          .contains("ANY(?)");
      String mmap = plan(x, "SELECT /*+ MMAP_JOIN(p) */ t.id, p.name FROM pg.teams t JOIN people p "
          + "ON p.team = t.id");
      assertThat(mmap).contains("strategy=[MMAP]").contains("index=[");
    }
  }

  @Test
  void comparingIntegersWithTextIsAnErrorNotAnEmptyResult() throws Exception {
    try (Connection x = connect(false)) {
      assertThatThrownBy(() -> Rows.of(x, "SELECT p.id FROM people p JOIN labels l ON p.id = l.code"))
          .isInstanceOf(SQLException.class);
    }
  }

  @Test
  void hintsThatCannotApplyAreErrors() throws Exception {
    try (Connection x = connect(false)) {
      assertThatThrownBy(() -> Rows.of(x, "SELECT /*+ MMAP_JOIN(t) */ p.id FROM people p JOIN pg.teams t "
          + "ON p.team = t.id")).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("0A000");
            assertThat(e.getMessage()).contains("MMAP_JOIN").contains("teams");
          });
      assertThatThrownBy(() -> Rows.of(x, "SELECT /*+ LOOKUP_JOIN(t) */ p.id FROM people p JOIN pg.teams t "
          + "ON p.team < t.id")).isInstanceOfSatisfying(SQLException.class,
              e -> assertThat(e.getSQLState()).isEqualTo("0A000"));
      assertThatThrownBy(() -> Rows.of(x, "SELECT /*+ LOOKUP_JOIN(a, b) */ a.id FROM people a JOIN people b "
          + "ON a.id = b.id")).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("42000");
            assertThat(e.getMessage()).contains("LOOKUP_JOIN takes one table name or alias");
          });
      for (String hint : List.of("LOOKUP_JOIN", "MERGE_JOIN", "MMAP_JOIN", "HASH_JOIN")) {
        assertThatThrownBy(() -> Rows.of(x, "SELECT /*+ " + hint + "(t) */ p.id FROM people p JOIN pg.teams t "
            + "ON p.id BETWEEN t.id * 5 AND t.id * 5 + 7")).isInstanceOfSatisfying(SQLException.class, e -> {
              assertThat(e.getSQLState()).isEqualTo("0A000");
              assertThat(e.getMessage()).contains("equal keys");
            });
      }
      // Unasked, such a join runs as a nested loop (its rows are checked against H2 in the suite).
      assertThat(plan(x, "SELECT p.id FROM people p JOIN pg.teams t ON p.id BETWEEN t.id * 5 AND t.id * 5 + 7"))
          .contains("NestedLoopJoin");
    }
  }

  @Test
  void mergeJoinFailsOnRowsOutOfTheirDeclaredOrder() throws Exception {
    Path unsorted = dir.resolve("unsorted.csv");
    Files.writeString(unsorted, "id,v\n1,a\n3,b\n2,c\n");
    Path cat = dir.resolve("unsorted.yaml");
    Files.writeString(cat, "sources:\n  u: { type: csv, path: unsorted.csv, sorted_by: [id] }\n");
    try (Connection x = DriverManager.getConnection("jdbc:xsql:catalog=" + cat)) {
      assertThatThrownBy(() -> Rows.of(x, "SELECT a.id FROM u a JOIN u b ON a.id = b.id"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22000"));
    }
  }

  private Connection connect(boolean off) throws SQLException {
    return DriverManager.getConnection("jdbc:xsql:catalog=" + catalog + (off ? ";joinStrategies=false" : ""));
  }

  private String sql(Case c, Mode mode, boolean xsql) {
    String hint = mode.hint.isEmpty() ? "" : "/*+ " + mode.hint + "(" + c.inner() + ") */";
    String sql = String.format(Locale.ROOT, c.sql(), hint);
    for (Table t : tables) {
      sql = sql.replace("{" + t.name() + "}", xsql ? t.xsqlName() : t.name());
    }
    return sql;
  }

  private static String plan(Connection c, String sql) throws SQLException {
    return String.join("\n", Rows.of(c, "EXPLAIN PLAN FOR " + sql));
  }

  private static List<String> sorted(List<String> rows) {
    return rows.stream().sorted().toList();
  }
}
