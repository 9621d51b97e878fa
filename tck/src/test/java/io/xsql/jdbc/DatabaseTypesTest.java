package io.xsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsql.tck.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every column type of PostgreSQL and MariaDB read through xsql, NULL included, against known values. */
class DatabaseTypesTest {
  @TempDir
  Path dir;

  @AfterAll
  static void dropDatabases() throws SQLException {
    TestDatabase.POSTGRES.drop("xsql_types_pg");
    TestDatabase.MARIADB.drop("xsql_types_maria");
  }

  @Test
  void postgresTypesRoundTrip() throws Exception {
    TestDatabase pg = TestDatabase.POSTGRES;
    pg.create("xsql_types_pg");
    DatabaseSources.execute(pg, "xsql_types_pg",
        "CREATE TYPE mood AS ENUM ('sad', 'happy')",
        "CREATE TABLE t (id int PRIMARY KEY, s smallint, i int, b bigint, n numeric(12,3), r real, "
            + "d double precision, f boolean, c char(3), v varchar(10), x text, dt date, tm time(3), "
            + "ts timestamp(3), tz timestamptz(3), u uuid, j json, jb jsonb, bin bytea, ai int[], at text[], "
            + "m mood)",
        "INSERT INTO t VALUES (1, -32768, 2147483647, 9223372036854775807, 123456789.125, 1.5, "
            + "2.000000000000001, true, 'ab', 'Zoë', 'line\nbreak', '2024-02-29', '23:59:58.123', "
            + "'2024-03-10 12:34:56.789', '2024-03-10 12:34:56.789+02', "
            + "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\": [1, 2]}', '{\"b\": true}', '\\x00ff41', "
            + "'{1,NULL,3}', '{\"x y\",z}', 'happy')",
        "INSERT INTO t (id) VALUES (2)");
    try (Connection c = DatabaseSources.connect(dir, "  pg: " + pg.catalogEntry("xsql_types_pg", "") + "\n");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM pg.t ORDER BY id")) {
      assertThat(rs.next()).isTrue();
      assertSharedColumns(rs);
      assertThat(rs.getBoolean("f")).isTrue();
      assertThat(rs.getString("c")).isEqualTo("ab ");
      assertThat(rs.getString("x")).isEqualTo("line\nbreak");
      assertThat(rs.getTimestamp("tz").toInstant()).isEqualTo(Instant.parse("2024-03-10T10:34:56.789Z"));
      assertThat(rs.getString("u")).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
      assertThat(rs.getString("j")).isEqualTo("{\"a\": [1, 2]}");
      assertThat(rs.getString("jb")).isEqualTo("{\"b\": true}");
      assertThat(rs.getBytes("bin")).containsExactly(0x00, 0xff, 0x41);
      assertThat(Arrays.asList((Object[]) rs.getArray("ai").getArray())).containsExactly(1, null, 3);
      assertThat(Arrays.asList((Object[]) rs.getArray("at").getArray())).containsExactly("x y", "z");
      assertThat(rs.getString("m")).isEqualTo("happy");
      assertThat(rs.next()).isTrue();
      assertAllNullButId(rs);
    }
  }

  @Test
  void mariadbTypesRoundTrip() throws Exception {
    TestDatabase maria = TestDatabase.MARIADB;
    maria.create("xsql_types_maria");
    DatabaseSources.execute(maria, "xsql_types_maria",
        "CREATE TABLE t (id int PRIMARY KEY, s smallint, i int, b bigint, n decimal(12,3), r float, "
            + "d double, f tinyint(1), c char(3), v varchar(10), x text, dt date, tm time(3), "
            + "ts datetime(3), tz timestamp(3) NULL, j json, bin blob, m enum('sad','happy'), "
            + "ui int unsigned, ub bigint unsigned)",
        "INSERT INTO t VALUES (1, -32768, 2147483647, 9223372036854775807, 123456789.125, 1.5, "
            + "2.000000000000001, 1, 'ab', 'Zoë', 'back\\\\slash', '2024-02-29', '23:59:58.123', "
            + "'2024-03-10 12:34:56.789', '2024-03-10 12:34:56.789', '{\"a\": [1, 2]}', x'00ff41', 'happy', "
            + "4294967295, 18446744073709551615)",
        "INSERT INTO t (id) VALUES (2)");
    try (Connection c = DatabaseSources.connect(dir, "  shop: "
        + maria.catalogEntry("xsql_types_maria", "") + "\n");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM shop.t ORDER BY id")) {
      assertThat(rs.next()).isTrue();
      assertSharedColumns(rs);
      assertThat(rs.getObject("f")).isEqualTo(true);
      assertThat(rs.getString("c")).startsWith("ab");
      // The session runs with NO_BACKSLASH_ESCAPES only for xsql; the insert above used the default mode.
      assertThat(rs.getString("x")).isEqualTo("back\\slash");
      assertThat(rs.getObject("tz", LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 3, 10, 12, 34, 56,
          789_000_000));
      assertThat(rs.getString("j")).isEqualTo("{\"a\": [1, 2]}");
      assertThat(rs.getBytes("bin")).containsExactly(0x00, 0xff, 0x41);
      assertThat(rs.getString("m")).isEqualTo("happy");
      assertThat(rs.getLong("ui")).isEqualTo(4294967295L);
      assertThat(rs.getBigDecimal("ub")).isEqualByComparingTo(new BigDecimal("18446744073709551615"));
      assertThat(rs.next()).isTrue();
      assertAllNullButId(rs);
    }
  }

  /** The columns both tables have, with the same values. */
  private static void assertSharedColumns(ResultSet rs) throws Exception {
    assertThat(rs.getShort("s")).isEqualTo((short) -32768);
    assertThat(rs.getInt("i")).isEqualTo(Integer.MAX_VALUE);
    assertThat(rs.getLong("b")).isEqualTo(Long.MAX_VALUE);
    assertThat(rs.getBigDecimal("n")).isEqualByComparingTo("123456789.125");
    assertThat(rs.getFloat("r")).isEqualTo(1.5f);
    assertThat(rs.getDouble("d")).isEqualTo(2.000000000000001);
    assertThat(rs.getString("v")).isEqualTo("Zoë");
    assertThat(rs.getObject("dt", LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(rs.getObject("tm", LocalTime.class)).isEqualTo(LocalTime.of(23, 59, 58, 123_000_000));
    assertThat(rs.getObject("ts", LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 3, 10, 12, 34, 56,
        789_000_000));
  }

  private static void assertAllNullButId(ResultSet rs) throws Exception {
    List<String> notNull = new ArrayList<>();
    for (int i = 2; i <= rs.getMetaData().getColumnCount(); i++) {
      if (rs.getObject(i) != null) {
        notNull.add(rs.getMetaData().getColumnName(i));
      }
    }
    assertThat(notNull).isEmpty();
  }
}
