package io.xsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class JdbcTimestampTest {

  @Test
  void namesTheInstantOfTheWallClockTimeAndKeepsIt() {
    LocalDateTime t = LocalDateTime.of(2024, 3, 10, 12, 34, 56, 789_123_000);
    Timestamp ts = JdbcTimestamp.of(t, ZoneOffset.ofHours(2));
    assertThat(ts.toInstant()).isEqualTo(t.toInstant(ZoneOffset.ofHours(2)));
    assertThat(ts.getNanos()).isEqualTo(789_123_000);
    assertThat(ts.toLocalDateTime()).isEqualTo(t);
  }

  @Test
  void beforeTheGregorianCalendarItIsAPlainTimestamp() {
    LocalDateTime t = LocalDateTime.of(1500, 1, 1, 0, 0);
    assertThat(JdbcTimestamp.of(t, ZoneOffset.UTC)).isNotInstanceOf(JdbcTimestamp.class)
        .isEqualTo(Timestamp.valueOf(t));
  }
}
