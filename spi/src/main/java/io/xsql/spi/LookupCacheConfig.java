package io.xsql.spi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * A source's {@code lookup_cache: { ttl: 30s, max_rows: 100000 }}: lookup joins into its tables keep the
 * rows of each key they looked up (none, for a key without rows) for {@code ttl}, the least recently used
 * keys leaving first once more than {@code max_rows} rows are kept.
 *
 * @param ttl how long a looked-up key's rows are used before the source is asked again
 * @param maxRows the most rows kept (a key without rows counts as one)
 */
public record LookupCacheConfig(Duration ttl, int maxRows) {
  /** The catalog key, on any source. */
  public static final String KEY = "lookup_cache";
  private static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
  private static final int DEFAULT_MAX_ROWS = 100_000;

  public LookupCacheConfig {
    requireNonNull(ttl, "ttl is null");
    if (ttl.isZero() || ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must be more than 0 but is " + ttl);
    }
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows must be at least 1 but is " + maxRows);
    }
  }

  /** Reads a source's {@code lookup_cache}, empty when absent; bad values fail naming the source and key. */
  public static Optional<LookupCacheConfig> read(Options source) {
    return source.child(KEY).map(o -> {
      o.allowOnly(Set.of("ttl", "max_rows"));
      Duration ttl = o.duration("ttl", DEFAULT_TTL);
      if (ttl.isZero()) {
        throw o.error("ttl", "must be more than 0 (leave lookup_cache out for no cache)");
      }
      return new LookupCacheConfig(ttl, o.integer("max_rows", DEFAULT_MAX_ROWS, 1));
    });
  }

  /** What EXPLAIN shows. */
  public String describe() {
    return "ttl=" + ttl.toMillis() + "ms, max_rows=" + maxRows;
  }
}
