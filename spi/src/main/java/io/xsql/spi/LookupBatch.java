package io.xsql.spi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * How a lookup join batches the keys of a stream it enriches ({@code lookup_batch: { size: 1000, max_delay:
 * 200ms }} on the stream's source): a batch is looked up when it holds {@code size} rows or when its first
 * row has waited {@code max_delay}, whichever comes first, so that a slow stream's rows come out within
 * {@code max_delay} (plus the lookup's own time) of arriving.
 *
 * @param size the most outer rows per lookup (the looked-up side's own limit still applies)
 * @param maxDelay the longest a row waits for its batch to fill
 */
public record LookupBatch(int size, Duration maxDelay) {
  /** The catalog key, on a stream's source. */
  public static final String KEY = "lookup_batch";
  /** What a stream that sets nothing gets. */
  public static final LookupBatch DEFAULT = new LookupBatch(1000, Duration.ofMillis(200));

  public LookupBatch {
    requireNonNull(maxDelay, "maxDelay is null");
    if (size < 1) {
      throw new IllegalArgumentException("size must be at least 1 but is " + size);
    }
    if (maxDelay.isNegative()) {
      throw new IllegalArgumentException("maxDelay must not be negative but is " + maxDelay);
    }
  }

  /** Reads a stream source's {@code lookup_batch}, {@link #DEFAULT} for what it leaves out. */
  public static LookupBatch read(Options source) {
    Optional<Options> o = source.child(KEY);
    if (o.isEmpty()) {
      return DEFAULT;
    }
    o.get().allowOnly(Set.of("size", "max_delay"));
    return new LookupBatch(o.get().integer("size", DEFAULT.size(), 1),
        o.get().duration("max_delay", DEFAULT.maxDelay()));
  }
}
