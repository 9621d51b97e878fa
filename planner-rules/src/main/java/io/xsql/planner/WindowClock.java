package io.xsql.planner;

import io.xsql.spi.EventTime;

/**
 * A stream's watermark: the latest event time seen minus the allowed lateness, and, once no event has come
 * for the idle timeout, at least the wall clock minus that lateness, so that the last windows of a stream
 * that went quiet are emitted. It never goes back.
 */
final class WindowClock {
  private final long lateness;
  private final long idleMillis;
  private long latestEvent = Long.MIN_VALUE;
  private long lastArrival;
  private long watermark = Long.MIN_VALUE;

  /** @param now the wall clock when the query starts reading, in milliseconds since 1970 */
  WindowClock(EventTime eventTime, long now) {
    this.lateness = eventTime.watermark().toMillis();
    this.idleMillis = eventTime.idleTimeout().map(d -> d.toMillis()).orElse(Long.MAX_VALUE);
    this.lastArrival = now;
  }

  /** Notes an event at {@code ts} arriving at {@code now}. */
  void seen(long ts, long now) {
    latestEvent = Math.max(latestEvent, ts);
    lastArrival = now;
  }

  /** The watermark at {@code now}. */
  long watermark(long now) {
    if (latestEvent != Long.MIN_VALUE) {
      watermark = Math.max(watermark, latestEvent - lateness);
    }
    if (now - lastArrival >= idleMillis) {
      watermark = Math.max(watermark, now - lateness);
    }
    return watermark;
  }
}
