package io.xsql.spi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What a stream says about time, for windows over it: which column holds each event's time, how far behind
 * the latest event time an event may still arrive ({@code watermark}), and how long a silent stream waits
 * before its watermark follows the wall clock ({@code idle_timeout}). A window's rows are emitted once the
 * watermark, the latest event time seen minus {@code watermark}, passes the window's end.
 *
 * @param column the TIMESTAMP column holding each event's time, if the catalog names one
 * @param watermark the allowed out-of-orderness
 * @param idleTimeout after this long without events, the watermark is at least the wall clock minus
 *     {@code watermark}, so that an idle stream does not hold its last windows forever
 */
public record EventTime(Optional<String> column, Duration watermark, Optional<Duration> idleTimeout) {
  /** A stream that declares nothing: windows close on the event times seen alone, never by the clock. */
  public static final EventTime NONE = new EventTime(Optional.empty(), Duration.ZERO, Optional.empty());

  /** The catalog keys {@link #read} takes. */
  public static final Set<String> KEYS = Set.of("event_time", "watermark", "idle_timeout");

  public EventTime {
    requireNonNull(column, "column is null");
    requireNonNull(watermark, "watermark is null");
    requireNonNull(idleTimeout, "idleTimeout is null");
  }

  /**
   * Reads {@code event_time}, {@code watermark} (default 0) and {@code idle_timeout} (default none) of a
   * source's settings; the caller checks that the column exists and is a TIMESTAMP where it knows columns.
   */
  public static EventTime read(Options o) {
    Optional<Duration> idle = o.node("idle_timeout").map(n -> o.duration("idle_timeout", Duration.ZERO));
    if (idle.isPresent() && idle.get().isZero()) {
      throw o.error("idle_timeout", "must be more than 0 (leave it out for a watermark that follows events only)");
    }
    return new EventTime(o.string("event_time"), o.duration("watermark", Duration.ZERO), idle);
  }

  /** What EXPLAIN shows, empty when nothing is declared. */
  public String describe() {
    return column.map(c -> ", event_time=" + c).orElse("")
        + (watermark.isZero() && column.isEmpty() ? "" : ", watermark=" + watermark.toMillis() + "ms")
        + idleTimeout.map(d -> ", idle_timeout=" + d.toMillis() + "ms").orElse("");
  }
}
