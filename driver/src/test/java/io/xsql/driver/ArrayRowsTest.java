package io.xsql.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.junit.jupiter.api.Test;

/**
 * An array's rows as Avatica's server reads them to send an array: the index, then the value through the
 * element type's getter with a UTC calendar, which must give back the engine's number in any zone.
 */
final class ArrayRowsTest {
  private static final TimeZone TOKYO = TimeZone.getTimeZone("Asia/Tokyo");
  private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
  /** 2024-02-29 in days, and 12:30:15.123 that day in milliseconds. */
  private static final int DAY = 19782;
  private static final int MILLIS = 45_015_123;

  /** The rows of an array whose accessor read {@code values} in Tokyo, as {@code java.sql} values. */
  private static ResultSet rows(int type, ColumnMetaData.Rep rep, Object... values) throws SQLException {
    return ArrayRows.of(ColumnMetaData.scalar(type, "T", rep), Arrays.asList(values), TOKYO);
  }

  @Test
  void datesTimesAndTimestampsComeBackAsTheEnginesNumbers() throws SQLException {
    Calendar tokyo = Calendar.getInstance(TOKYO, Locale.ROOT);
    long timestamp = DAY * DateTimeUtils.MILLIS_PER_DAY + MILLIS;
    try (ResultSet dates = rows(Types.DATE, ColumnMetaData.Rep.INTEGER,
        DateTimeUtils.unixDateToSqlDate(DAY, tokyo), null)) {
      assertThat(dates.getMetaData().getColumnCount()).isEqualTo(2);
      dates.next();
      assertThat(dates.getInt(1)).isEqualTo(1);
      assertThat(dates.getDate(2, UTC).getTime()).isEqualTo(DAY * DateTimeUtils.MILLIS_PER_DAY);
      assertThat(dates.getString(2)).isEqualTo("2024-02-29");
      dates.next();
      assertThat(dates.getInt(1)).isEqualTo(2);
      assertThat(dates.getDate(2, UTC)).isNull();
    }
    try (ResultSet times = rows(Types.TIME, ColumnMetaData.Rep.INTEGER,
        DateTimeUtils.unixTimeToSqlTime(MILLIS, tokyo))) {
      times.next();
      assertThat(times.getTime(2, UTC).getTime()).isEqualTo(MILLIS);
    }
    try (ResultSet stamps = rows(Types.TIMESTAMP, ColumnMetaData.Rep.LONG,
        DateTimeUtils.unixTimestampToSqlTimestamp(timestamp, tokyo))) {
      stamps.next();
      assertThat(stamps.getTimestamp(2, UTC).getTime()).isEqualTo(timestamp);
    }
  }

  @Test
  void otherElementsPassAsTheyAre() throws SQLException {
    try (ResultSet tags = rows(Types.VARCHAR, ColumnMetaData.Rep.STRING, "a", null, "b")) {
      StringBuilder b = new StringBuilder();
      while (tags.next()) {
        b.append(tags.getInt(1)).append('=').append(tags.getString(2)).append(' ');
      }
      assertThat(b).hasToString("1=a 2=null 3=b ");
    }
  }
}
