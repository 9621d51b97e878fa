package io.xsql.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ARRAY columns over {@code xsql serve}: remote clients read the same elements as an embedded connection,
 * for every element kind over protobuf, and over JSON for the kinds Avatica's JSON client can read.
 */
final class ServeArraysTest {
  /** The array columns of {@link ArraysSourceFactory}'s table, one per element kind. */
  private static final List<String> ARRAYS = List.of("tags", "votes", "views", "scores", "prices", "flags", "days",
      "times", "stamps", "blobs");
  /**
   * A zone far from UTC for the clients' connections, so that a date shifted on its way shows. Avatica's
   * clients keep it to themselves; the server's own reading is pinned by the driver's ArrayRowsTest.
   */
  private static final String ZONE = "Asia/Tokyo";

  @TempDir
  static Path dir;
  private static Path catalog;
  private static ServeServer protobuf;
  private static ServeServer json;

  @BeforeAll
  static void start() throws Exception {
    catalog = Files.writeString(dir.resolve("catalog.yaml"), "sources:\n  posts: { type: test_arrays }\n");
    ServerConfig config = ServeFixture.config(catalog, Duration.ofMinutes(1), ServerConfig.of(catalog).defaults(),
        Map.of());
    protobuf = ServeServer.start(config);
    json = ServeServer.start(new ServerConfig(catalog, config.host(), 0, Serialization.JSON, config.auth(),
        config.usersFile(), config.tls(), config.idleTimeout(), config.defaults(), config.users()));
  }

  @AfterAll
  static void stop() {
    protobuf.close();
    json.close();
  }

  private static Connection embedded() throws SQLException {
    return DriverManager.getConnection("jdbc:xsql:catalog=" + catalog, zoned());
  }

  /** Connection properties naming {@link #ZONE}, which a remote client also sends to the server. */
  private static Properties zoned() {
    Properties info = new Properties();
    info.setProperty("timeZone", ZONE);
    return info;
  }

  /** Each row's array as {@code getArray()} returns it, every element with its class, in id order. */
  private static List<String> elements(Connection c, String column) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + column + " FROM posts ORDER BY id")) {
      while (rs.next()) {
        Array a = rs.getArray(1);
        out.add(a == null ? "NULL" : Arrays.stream((Object[]) a.getArray()).map(ServeArraysTest::element)
            .collect(Collectors.joining(", ", "[", "]")));
      }
    }
    return out;
  }

  private static String element(Object e) {
    return e == null ? "null" : e.getClass().getSimpleName() + " " + (e instanceof byte[] b ? Arrays.toString(b) : e);
  }

  @Test
  void remoteClientsReadTheElementsOfEveryKindOverProtobuf() throws SQLException {
    String url = "url=http://127.0.0.1:" + protobuf.port();
    try (Connection local = embedded();
        Connection xsql = DriverManager.getConnection("jdbc:xsql:remote:" + url, zoned());
        Connection avatica = DriverManager.getConnection("jdbc:avatica:remote:" + url + ";serialization=protobuf",
            zoned())) {
      for (String column : ARRAYS) {
        List<String> expected = elements(local, column);
        assertThat(expected.get(0)).as(column).startsWith("[").isNotEqualTo("[]");
        assertThat(expected.subList(1, 3)).as(column).containsExactly("[]", "NULL");
        assertThat(elements(xsql, column)).as(column).isEqualTo(expected);
        assertThat(elements(avatica, column)).as(column).isEqualTo(expected);
      }
      assertThat(ServeFixture.rows(xsql, "SELECT tags, days FROM posts WHERE id = 1"))
          .containsExactly("[a, null]|[2024-02-29]");
    }
  }

  @Test
  void remoteMetadataNamesArraysAndTheirElements() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:xsql:remote:url=http://127.0.0.1:" + protobuf.port(),
        new Properties())) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT tags, prices FROM posts")) {
        ResultSetMetaData md = rs.getMetaData();
        assertThat(md.getColumnType(1)).isEqualTo(Types.ARRAY);
        assertThat(md.getColumnTypeName(1)).isEqualTo("VARCHAR ARRAY");
        assertThat(md.getColumnTypeName(2)).isEqualTo("DECIMAL(38, 2) ARRAY");
        rs.next();
        assertThat(rs.getObject("tags")).isInstanceOf(Array.class);
        assertThat(rs.getArray(1).getBaseType()).isEqualTo(Types.VARCHAR);
      }
      DatabaseMetaData md = c.getMetaData();
      try (ResultSet rs = md.getColumns(null, null, "posts", "tags")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.ARRAY);
        assertThat(rs.getString("TYPE_NAME")).isEqualTo("VARCHAR ARRAY");
      }
    }
  }

  /** Not BIGINT: Avatica's JSON client reads a small number as an Integer, which its BIGINT element fails on. */
  @Test
  void jsonCarriesArraysOfTextNumbersAndDates() throws SQLException {
    try (Connection local = embedded(); Connection c = DriverManager.getConnection(
        "jdbc:xsql:remote:url=http://127.0.0.1:" + json.port() + ";serialization=json", zoned())) {
      for (String column : List.of("tags", "votes", "scores", "prices", "days", "stamps")) {
        assertThat(elements(c, column)).as(column).isEqualTo(elements(local, column));
      }
    }
  }
}
