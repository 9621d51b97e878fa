package io.xsql.driver;

import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * JDBC 4.2's java.time values, which Avatica's statements and result sets do not convert: parameters
 * become their java.sql equivalents, and result columns are read through them. Public for the JDBC classes
 * in {@code org.apache.calcite.jdbc}; not an API.
 */
public final class JavaTimes {
  private JavaTimes() {}

  /** The java.sql value Avatica takes for a java.time parameter; empty for any other value. */
  public static Optional<Object> parameter(Object value) {
    if (value instanceof LocalDate d) {
      return Optional.of(Date.valueOf(d));
    }
    if (value instanceof LocalDateTime t) {
      return Optional.of(Timestamp.valueOf(t));
    }
    if (value instanceof LocalTime t) {
      return Optional.of(Time.valueOf(t));
    }
    if (value instanceof Instant i) {
      return Optional.of(Timestamp.valueOf(LocalDateTime.ofInstant(i, ZoneOffset.UTC)));
    }
    if (value instanceof OffsetDateTime t) {
      return Optional.of(Timestamp.valueOf(LocalDateTime.ofInstant(t.toInstant(), ZoneOffset.UTC)));
    }
    return Optional.empty();
  }

  /** Whether {@link #column} reads columns as this class. */
  public static boolean converts(Class<?> type) {
    return type == LocalDate.class || type == LocalDateTime.class || type == LocalTime.class;
  }

  /** Reads a column as a java.time class ({@link #converts}); empty for SQL NULL. */
  public static <T> Optional<T> column(Class<T> type, ColumnReader reader) throws SQLException {
    Object value;
    if (type == LocalDate.class) {
      Date d = reader.date();
      value = d == null ? null : d.toLocalDate();
    } else if (type == LocalDateTime.class) {
      Timestamp t = reader.timestamp();
      value = t == null ? null : t.toLocalDateTime();
    } else if (type == LocalTime.class) {
      Time t = reader.time();
      // Time.toLocalTime drops the milliseconds; a Timestamp at the same instant keeps them.
      value = t == null ? null : new Timestamp(t.getTime()).toLocalDateTime().toLocalTime();
    } else {
      throw new IllegalArgumentException("not a java.time class this reads: " + type);
    }
    return Optional.ofNullable(type.cast(value));
  }

  /** A result set column, read as the java.sql types. */
  public interface ColumnReader {
    Date date() throws SQLException;

    Timestamp timestamp() throws SQLException;

    Time time() throws SQLException;
  }
}
