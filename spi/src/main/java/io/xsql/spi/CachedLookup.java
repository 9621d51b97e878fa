package io.xsql.spi;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A table's {@link KeyLookup} through its source's {@link LookupCache}: keys cached (with rows or without)
 * are answered from the cache, the others asked of the table in one call and cached. Hits and misses are
 * counted per query: a line ending the query's warnings, and the details of its {@code cache} operation in
 * {@code xsql.queries}.
 *
 * @param table the table, named as messages name it ({@code source.table})
 * @param lookup the table's own lookup
 * @param cache the source's cache
 */
public record CachedLookup(String table, KeyLookup lookup, LookupCache cache) implements ForwardingLookup {
  public CachedLookup {
    requireNonNull(table, "table is null");
    requireNonNull(lookup, "lookup is null");
    requireNonNull(cache, "cache is null");
  }

  /** What one lookup shape asks, the part of a cached key besides the key values. */
  private record Request(String table, String sql, List<Integer> keyColumns, List<Integer> columns,
      List<Predicate> filters) {}

  /** One query's hits and misses on one table. */
  private record Tally(AtomicLong hits, AtomicLong misses) {
    String text() {
      return "lookup cache: " + hits.get() + " hit" + (hits.get() == 1 ? "" : "s") + ", " + misses.get()
          + " miss" + (misses.get() == 1 ? "" : "es");
    }
  }

  /** What {@link ScanContext#shared} keeps a table's tally under. */
  private record TallyKey(String table) {}

  @Override
  public RowCursor lookup(List<Integer> keyColumns, List<List<Object>> keys, ScanRequest request) {
    Optional<int[]> positions = positions(keyColumns, request.columns());
    if (positions.isEmpty()) {
      // Rows without their keys cannot be told apart by key: nothing to cache them under.
      return lookup.lookup(keyColumns, keys, request);
    }
    Request asked = new Request(table, lookup.describe(keyColumns), List.copyOf(keyColumns), request.columns(),
        request.filters());
    List<Object[]> out = new ArrayList<>();
    Map<LookupCache.Key, List<Object>> missing = new LinkedHashMap<>();
    for (List<Object> key : keys) {
      LookupCache.Key cached = new LookupCache.Key(asked, normalized(key));
      Optional<List<Object[]>> rows = cache.get(cached);
      if (rows.isPresent()) {
        out.addAll(rows.get());
      } else {
        missing.put(cached, key);
      }
    }
    report(request.context(), keys.size() - missing.size(), missing.size(), out.size());
    if (!missing.isEmpty()) {
      out.addAll(fetch(keyColumns, asked, missing, positions.get(), request));
    }
    return RowCursor.of(out.stream().map(Object[]::clone).iterator());
  }

  /** Asks the table for the missing keys and caches what each has, an empty list for a key without rows. */
  private List<Object[]> fetch(List<Integer> keyColumns, Request asked, Map<LookupCache.Key, List<Object>> missing,
      int[] positions, ScanRequest request) {
    Map<LookupCache.Key, List<Object[]>> found = new LinkedHashMap<>();
    missing.keySet().forEach(k -> found.put(k, new ArrayList<>(1)));
    List<Object[]> out = new ArrayList<>();
    try (RowCursor cursor = lookup.lookup(keyColumns, List.copyOf(missing.values()), request)) {
      while (cursor.next()) {
        Object[] row = cursor.current();
        List<Object[]> rows = found.get(new LookupCache.Key(asked, normalized(row, positions)));
        // A row for a key not asked for (a database comparing text loosely) matches no key of the batch.
        if (rows != null) {
          rows.add(row);
          out.add(row);
        }
      }
    }
    found.forEach(cache::put);
    return out;
  }

  /**
   * Counts a batch in the query's reports: a line ending its warnings, and its {@code cache} operation, whose
   * calls are batches, rows the rows the cache gave and details the hits and misses.
   */
  private void report(ScanContext context, int hits, int misses, long cachedRows) {
    Tally tally = context.shared(new TallyKey(table), () -> new Tally(new AtomicLong(), new AtomicLong()));
    tally.hits().addAndGet(hits);
    tally.misses().addAndGet(misses);
    // Only the first line given under a key is kept: later batches find theirs there.
    context.summary(tally, () -> "table " + table + ": " + tally.text());
    SourceActivity activity = context.activity(SourceOperation.of(table, "cache", cache.config().describe()));
    activity.calls(1);
    activity.rows(cachedRows);
    activity.details(tally::text);
  }

  /** Where each key column is among the requested columns, or empty when one is not requested. */
  private static Optional<int[]> positions(List<Integer> keyColumns, List<Integer> columns) {
    int[] positions = new int[keyColumns.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = columns.indexOf(keyColumns.get(i));
      if (positions[i] < 0) {
        return Optional.empty();
      }
    }
    return Optional.of(positions);
  }

  private static List<Object> normalized(List<Object> key) {
    return key.stream().map(KeyValues::normalize).toList();
  }

  private static List<Object> normalized(Object[] row, int[] positions) {
    return Arrays.stream(positions).mapToObj(p -> KeyValues.normalize(row[p])).toList();
  }

  @Override
  public String describe(List<Integer> keyColumns) {
    String request = lookup.describe(keyColumns);
    return request + (request.isEmpty() ? "" : ", ") + "cache: " + cache.config().describe();
  }
}
