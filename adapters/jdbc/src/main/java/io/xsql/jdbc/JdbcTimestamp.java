package io.xsql.jdbc;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A timestamp that remembers the wall-clock time it was made from. The engine turns every timestamp it
 * reads back into a wall-clock time with {@link #toLocalDateTime()}, which {@link Timestamp} computes
 * through calendar arithmetic costing more than reading the rest of a row; this one just returns it.
 */
final class JdbcTimestamp extends Timestamp {
  private static final long serialVersionUID = 1L;

  private final LocalDateTime wallClock;

  private JdbcTimestamp(LocalDateTime wallClock, ZoneOffset offset) {
    super(wallClock.toEpochSecond(offset) * 1000);
    setNanos(wallClock.getNano());
    this.wallClock = wallClock;
  }

  /**
   * The instant a wall-clock time names in a zone of fixed offset, as {@code Timestamp.valueOf} would
   * give it (for years after the Gregorian calendar began, where both calendars agree).
   */
  static Timestamp of(LocalDateTime wallClock, ZoneOffset offset) {
    return wallClock.getYear() > 1582 ? new JdbcTimestamp(wallClock, offset) : Timestamp.valueOf(wallClock);
  }

  @Override
  public LocalDateTime toLocalDateTime() {
    return wallClock;
  }
}
