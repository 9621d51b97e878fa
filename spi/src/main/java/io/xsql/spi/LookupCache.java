package io.xsql.spi;

import static java.util.Objects.requireNonNull;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The rows a source's lookups found, by key, shared by the queries of the connection that opened the
 * source ({@link LookupCacheConfig}): least recently used first out, each key for its time to live. A key
 * without rows is kept as an empty list, so that a stream of unknown keys does not ask the source again.
 * Thread-safe: a connection's queries may run on several threads.
 */
public final class LookupCache {
  /** A cached key: what was asked (table, request, columns, filters) and the key tuple, normalized. */
  record Key(Object request, List<Object> values) {}

  private record Entry(List<Object[]> rows, long expiresAt) {
    int weight() {
      return Math.max(1, rows.size());
    }
  }

  private final LookupCacheConfig config;
  private final LongSupplier nanoClock;
  /** In access order: the eldest is the least recently used. */
  private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long rows;

  /** A cache with these settings, on the JVM's monotonic clock. */
  public LookupCache(LookupCacheConfig config) {
    this(config, System::nanoTime);
  }

  /** A cache on a given clock of nanoseconds, so that expiry can be tested without waiting. */
  LookupCache(LookupCacheConfig config, LongSupplier nanoClock) {
    this.config = requireNonNull(config, "config is null");
    this.nanoClock = requireNonNull(nanoClock, "nanoClock is null");
  }

  /** The settings. */
  public LookupCacheConfig config() {
    return config;
  }

  /** A key's rows (empty: the key has none), or nothing when the key is not cached or has expired. */
  synchronized Optional<List<Object[]>> get(Key key) {
    Entry e = entries.get(key);
    if (e == null) {
      return Optional.empty();
    }
    if (nanoClock.getAsLong() - e.expiresAt() >= 0) {
      entries.remove(key);
      rows -= e.weight();
      return Optional.empty();
    }
    return Optional.of(e.rows());
  }

  /** Keeps a key's rows, dropping the least recently used keys beyond {@code max_rows}. */
  synchronized void put(Key key, List<Object[]> found) {
    Entry e = new Entry(List.copyOf(found), nanoClock.getAsLong() + config.ttl().toNanos());
    if (e.weight() > config.maxRows()) {
      return;
    }
    Entry previous = entries.put(key, e);
    rows += e.weight() - (previous == null ? 0 : previous.weight());
    Iterator<Map.Entry<Key, Entry>> eldest = entries.entrySet().iterator();
    while (rows > config.maxRows()) {
      rows -= eldest.next().getValue().weight();
      eldest.remove();
    }
  }

  /** The rows kept now, expired keys included until they are asked for again or pushed out. */
  synchronized long rows() {
    return rows;
  }
}
