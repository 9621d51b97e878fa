package io.xsql.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsql.driver.XsqlConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ARRAY columns end to end, every result checked against H2 holding the same rows: {@code posts} (Java
 * records whose {@code List} components are arrays, with a NULL array, an empty one and NULL elements)
 * and {@code topics} (Java maps), so that unnested elements join another source. H2 cannot unnest a
 * column of an outer table ({@code CROSS JOIN UNNEST(p.tags)}), so its side of those queries reads tables
 * holding each post's elements instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class ArrayCoverageTest {
  /** A post: tags and votes are ARRAY columns. */
  public record Post(Integer id, String title, List<String> tags, List<Integer> votes) {}

  private static final List<Post> POSTS = List.of(
      new Post(1, "intro", List.of("sql", "java"), List.of(3, 1)),
      new Post(2, "nulls", Arrays.asList("sql", null), Arrays.asList(null, 2)),
      new Post(3, "empty", List.of(), List.of()),
      new Post(4, "none", null, null),
      new Post(5, "joins", List.of("java", "joins", "sql"), List.of(5)));

  private static final List<Map<String, Object>> TOPICS = List.of(Map.of("tag", "sql", "weight", 3),
      Map.of("tag", "java", "weight", 2), Map.of("tag", "rust", "weight", 1));

  private Connection xsql;
  private Connection h2;

  @BeforeAll
  void load() throws SQLException {
    xsql = DriverManager.getConnection("jdbc:xsql:");
    XsqlConnection registry = xsql.unwrap(XsqlConnection.class);
    registry.register("posts", Post.class, POSTS);
    registry.register("topics", TOPICS);
    h2 = DriverManager.getConnection("jdbc:h2:mem:arrays;DATABASE_TO_UPPER=FALSE;DB_CLOSE_DELAY=0");
    try (Statement s = h2.createStatement()) {
      s.execute("CREATE TABLE posts (id INTEGER, title VARCHAR, tags VARCHAR ARRAY, votes INTEGER ARRAY)");
      s.execute("CREATE TABLE topics (tag VARCHAR, weight INTEGER)");
      s.execute("CREATE TABLE post_tags (id INTEGER, tag VARCHAR, n INTEGER)");
      s.execute("CREATE TABLE post_votes (id INTEGER, v INTEGER, n INTEGER)");
    }
    try (PreparedStatement ps = h2.prepareStatement("INSERT INTO posts VALUES (?, ?, ?, ?)")) {
      for (Post p : POSTS) {
        ps.setInt(1, p.id());
        ps.setString(2, p.title());
        ps.setObject(3, p.tags() == null ? null : p.tags().toArray());
        ps.setObject(4, p.votes() == null ? null : p.votes().toArray());
        ps.executeUpdate();
      }
    }
    try (PreparedStatement tags = h2.prepareStatement("INSERT INTO post_tags VALUES (?, ?, ?)");
        PreparedStatement votes = h2.prepareStatement("INSERT INTO post_votes VALUES (?, ?, ?)")) {
      for (Post p : POSTS) {
        insertElements(tags, p.id(), p.tags());
        insertElements(votes, p.id(), p.votes());
      }
    }
    try (PreparedStatement ps = h2.prepareStatement("INSERT INTO topics VALUES (?, ?)")) {
      for (Map<String, Object> t : TOPICS) {
        ps.setObject(1, t.get("tag"));
        ps.setObject(2, t.get("weight"));
        ps.executeUpdate();
      }
    }
  }

  /** One row per element: the post, the element and its 1-based position. */
  private static void insertElements(PreparedStatement ps, int id, List<?> elements) throws SQLException {
    for (int i = 0; elements != null && i < elements.size(); i++) {
      ps.setInt(1, id);
      ps.setObject(2, elements.get(i));
      ps.setInt(3, i + 1);
      ps.executeUpdate();
    }
  }

  @AfterAll
  void close() throws SQLException {
    xsql.close();
    h2.close();
  }

  /** A query and the same query as H2 runs it. */
  record Case(String sql, String reference) {
    Case(String sql) {
      this(sql, sql);
    }

    @Override
    public String toString() {
      return sql;
    }
  }

  private static final String TAGS = "CROSS JOIN UNNEST(p.tags) AS u(tag)";
  private static final String TAGS_H2 = "JOIN post_tags u ON u.id = p.id";

  static Stream<Case> unordered() {
    return Stream.of(
        new Case("SELECT id, tags, votes FROM posts"),
        new Case("SELECT id, CARDINALITY(tags), CARDINALITY(votes) FROM posts"),
        new Case("SELECT id, tags[1], votes[2] FROM posts WHERE CARDINALITY(votes) >= 2"),
        new Case("SELECT id FROM posts WHERE tags IS NULL"),
        new Case("SELECT id FROM posts WHERE CARDINALITY(tags) = 0"),
        new Case("SELECT id, tags FROM posts WHERE id > 1 AND tags IS NOT NULL"),
        new Case("SELECT DISTINCT tags FROM posts"),
        new Case("SELECT p.id, p.tags, t.tag FROM posts p JOIN topics t ON t.weight = p.id"),
        // Array equality: H2 finds ['sql', NULL] = ['sql', NULL] unknown, Calcite (and PostgreSQL) true.
        new Case("SELECT a.id, b.id FROM posts a JOIN posts b ON a.tags = b.tags WHERE a.id <> 2"),
        new Case("SELECT p.id, u.tag FROM posts p " + TAGS, "SELECT p.id, u.tag FROM posts p " + TAGS_H2),
        new Case("SELECT p.id, u.v FROM posts p CROSS JOIN UNNEST(p.votes) AS u(v) WHERE u.v IS NOT NULL",
            "SELECT id, v FROM post_votes WHERE v IS NOT NULL"),
        new Case("SELECT u.tag, COUNT(*) FROM posts p " + TAGS + " GROUP BY u.tag",
            "SELECT u.tag, COUNT(*) FROM posts p " + TAGS_H2 + " GROUP BY u.tag"),
        new Case("SELECT p.title, t.weight FROM posts p " + TAGS + " JOIN topics t ON t.tag = u.tag",
            "SELECT p.title, t.weight FROM posts p " + TAGS_H2 + " JOIN topics t ON t.tag = u.tag"),
        new Case("SELECT t.tag, COUNT(p.id) FROM topics t LEFT JOIN (SELECT p.id, u.tag FROM posts p " + TAGS
            + ") p ON p.tag = t.tag GROUP BY t.tag", "SELECT t.tag, COUNT(p.id) FROM topics t LEFT JOIN "
            + "(SELECT p.id, u.tag FROM posts p " + TAGS_H2 + ") p ON p.tag = t.tag GROUP BY t.tag"),
        new Case("SELECT p.id, u.tag FROM posts p LEFT JOIN UNNEST(p.tags) AS u(tag) ON TRUE",
            "SELECT p.id, u.tag FROM posts p LEFT JOIN post_tags u ON u.id = p.id"),
        new Case("SELECT id FROM posts p WHERE EXISTS (SELECT 1 FROM UNNEST(p.tags) AS u(tag) WHERE u.tag = 'java')",
            "SELECT id FROM posts p WHERE EXISTS (SELECT 1 FROM post_tags u WHERE u.id = p.id AND u.tag = 'java')"),
        // Calcite 1.42 fails WITH ORDINALITY on a NULL array (NullPointerException): NULLs are left out first.
        new Case("SELECT p.id, u.tag, u.n FROM (SELECT * FROM posts WHERE tags IS NOT NULL) p "
            + "CROSS JOIN UNNEST(p.tags) WITH ORDINALITY AS u(tag, n)", "SELECT id, tag, n FROM post_tags"));
  }

  @ParameterizedTest
  @MethodSource("unordered")
  void returnsWhatH2Returns(Case c) throws SQLException {
    assertThat(Rows.of(xsql, c.sql())).as(c.sql()).isNotEmpty()
        .containsExactlyInAnyOrderElementsOf(Rows.of(h2, c.reference()));
  }

  static Stream<String> ordered() {
    return Stream.of(
        "SELECT id, tags, votes FROM posts ORDER BY title DESC",
        "SELECT p.title, p.tags FROM posts p JOIN topics t ON t.weight = p.id ORDER BY t.tag");
  }

  @ParameterizedTest
  @MethodSource("ordered")
  void returnsH2sOrder(String sql) throws SQLException {
    assertThat(Rows.of(xsql, sql)).as(sql).isNotEmpty().containsExactlyElementsOf(Rows.of(h2, sql));
  }
}
