package io.xsql.planner;

import io.xsql.spi.SourceActivity;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stream's late events, those whose windows were emitted already: counted, and reported in a warning the
 * ResultSet shows while the query runs and in {@code xsql.queries}, never folded into a window.
 */
final class LateEvents {
  private final QueryContext context;
  private final SourceActivity activity;
  private final StreamTiming stream;
  private final AtomicLong late = new AtomicLong();
  private volatile long latest;

  /**
   * @param activity the operation whose details in {@code xsql.queries} say the count
   * @param stream the stream's name, for the warning, and its watermark, which the warning explains
   */
  LateEvents(QueryContext context, SourceActivity activity, StreamTiming stream) {
    this.context = context;
    this.activity = activity;
    this.stream = stream;
  }

  /** Counts a late event at {@code ts}; the first one adds the warning, which counts the later ones too. */
  void add(long ts) {
    latest = ts;
    if (late.getAndIncrement() == 0) {
      context.summary(late, () -> "source '" + stream.source() + "': " + describe() + " (the watermark is the latest"
          + " event time minus " + stream.eventTime().watermark().toMillis() + " ms; the last late event was at "
          + Instant.ofEpochMilli(latest) + ")");
      activity.details(this::describe);
    }
  }

  private String describe() {
    long n = late.get();
    return n + " late event" + (n == 1 ? "" : "s") + " left out of windows already emitted";
  }
}
