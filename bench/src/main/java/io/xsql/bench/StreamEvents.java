package io.xsql.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The streams section's events, the same in the followed file and in JetStream: event {@code i} (from 0) has
 * the key {@link #key} (one of {@link #KEYS}, spread by a hash of {@code i}) and the event time {@link #BASE}
 * plus {@code i} milliseconds (ISO text: what the file source takes as a TIMESTAMP), so a one-minute window
 * holds 60,000 events. After the N events comes one more, a day later, whose only purpose is to move the
 * watermark past every window so that all of them are emitted; it is no part of any count.
 */
final class StreamEvents {
  static final int KEYS = 1000;
  /** The first event's time: a whole minute, so windows start at event numbers divisible by 60,000. */
  static final long BASE = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  static final long WINDOW_MILLIS = 60_000;
  /** Events per window: one per millisecond of event time. */
  static final long PER_WINDOW = WINDOW_MILLIS;
  private static final long CLOSING_DELAY = 86_400_000;

  private StreamEvents() {}

  /** Event {@code i}'s key: SplitMix64 of {@code i}, so that keys repeat unevenly within a window. */
  static int key(long i) {
    long z = (i + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (int) Long.remainderUnsigned(z ^ (z >>> 31), KEYS);
  }

  /** Event {@code i}'s JSON text; {@code i == events} is the closing event a day after the last. */
  static String json(long i, long events) {
    long ts = i == events ? BASE + events + CLOSING_DELAY : BASE + i;
    return "{\"k\":" + key(i) + ",\"ts\":\"" + Instant.ofEpochMilli(ts) + "\"}";
  }

  /** The number of the event whose time is {@code window}'s end, the first that emits its rows. */
  static long closing(long windowStartMillis) {
    return windowStartMillis - BASE + WINDOW_MILLIS;
  }

  /** Writes the file of {@code events} events and the closing one, unless it is there already. */
  static Path file(Path dir, long events) throws IOException {
    return DataFile.once(dir.resolve("events-" + events + ".jsonl"), out -> {
      for (long i = 0; i <= events; i++) {
        out.write(json(i, events));
        out.write('\n');
      }
    });
  }

  /** The rows a tumbling-window count of the first {@code events} events emits, summed up. */
  static StreamCounts reference(long events) {
    int windows = (int) ((events + PER_WINDOW - 1) / PER_WINDOW);
    long[] counts = new long[windows * KEYS];
    for (long i = 0; i < events; i++) {
      counts[(int) (i / PER_WINDOW) * KEYS + key(i)]++;
    }
    StreamCounts out = StreamCounts.NONE;
    for (int c = 0; c < counts.length; c++) {
      if (counts[c] > 0) {
        out = out.plus(BASE + c / KEYS * WINDOW_MILLIS, c % KEYS, counts[c]);
      }
    }
    return out;
  }
}
