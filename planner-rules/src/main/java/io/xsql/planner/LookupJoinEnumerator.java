package io.xsql.planner;

import io.xsql.spi.DaemonThreads;
import io.xsql.spi.KeyedRows;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.core.JoinRelType;

/**
 * Runs one lookup join, a batch of outer rows at a time; see {@link LookupJoinPlan}. When the inner side's
 * lookups are {@linkplain io.xsql.spi.KeyLookup#concurrent() concurrent}, the next batch is read and its
 * lookup started on another thread before this batch's lookup is awaited, so that a database works on
 * two batches at once and the outer side is read meanwhile; at most two batches are held.
 */
final class LookupJoinEnumerator implements Enumerator<Object[]> {
  private static final ExecutorService LOOKUPS =
      Executors.newCachedThreadPool(DaemonThreads.named("xsql-lookup"));

  /** Outer rows, their join keys ({@link JoinKeys#of}, computed once) and the lookup of their inner rows. */
  private record Batch(List<Object[]> rows, List<Object> keys,
      CompletableFuture<Map<Object, List<Object[]>>> inner) {}

  private final LookupJoinPlan plan;
  private final Enumerable<Object[]> outerRows;
  private final Optional<ScanRequest> request;
  private final int[] innerKeys;
  private final QueryContext context;
  private final boolean concurrent;

  private Enumerator<Object[]> outer;
  private boolean outerDone;
  /** The batch read ahead, its lookup running. */
  private Optional<Batch> next = Optional.empty();
  /** Set when the join closes, so that a lookup still running stops reading. */
  private volatile boolean closed;
  private List<Object[]> batch = List.of();
  private List<Object> batchKeys = List.of();
  private int nextInBatch;
  /** The batch's inner rows by normalized key, in the order the lookup returned them. */
  private Map<Object, List<Object[]>> innerByKey = Map.of();
  private Object[] outerRow;
  private List<Object[]> matches = List.of();
  private int nextMatch;
  private Object[] current;

  LookupJoinEnumerator(LookupJoinPlan plan, Enumerable<Object[]> outerRows, Optional<ScanRequest> request,
      int[] innerKeys, QueryContext context) {
    this.plan = plan;
    this.outerRows = outerRows;
    this.request = request;
    this.innerKeys = innerKeys;
    this.context = context;
    this.concurrent = plan.inner().lookup().concurrent();
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public boolean moveNext() {
    while (true) {
      if (nextMatch < matches.size()) {
        current = joined(outerRow, matches.get(nextMatch++));
        return true;
      }
      if (nextInBatch == batch.size() && !readBatch()) {
        return false;
      }
      Object key = batchKeys.get(nextInBatch);
      outerRow = batch.get(nextInBatch++);
      matches = key == null ? List.of() : innerByKey.getOrDefault(key, List.of());
      nextMatch = 0;
      JoinRelType type = plan.type();
      if (type.projectsRight()) {
        if (matches.isEmpty() && type == JoinRelType.LEFT) {
          current = joined(outerRow, new Object[plan.innerWidth()]);
          return true;
        }
        continue;
      }
      // SEMI keeps the rows with a match, ANTI those without.
      boolean keep = matches.isEmpty() == (type == JoinRelType.ANTI);
      matches = List.of();
      if (keep) {
        current = outerRow;
        return true;
      }
    }
  }

  private Object[] joined(Object[] outerValues, Object[] innerValues) {
    Object[] row = new Object[plan.outerWidth() + plan.innerWidth()];
    System.arraycopy(outerValues, 0, row, 0, plan.outerWidth());
    System.arraycopy(innerValues, 0, row, plan.outerWidth(), plan.innerWidth());
    return row;
  }

  /** Moves to the next batch of outer rows with their inner rows; false when the outer side is done. */
  private boolean readBatch() {
    batch = List.of();
    batchKeys = List.of();
    nextInBatch = 0;
    innerByKey = Map.of();
    Optional<Batch> current = next.isPresent() ? next : readOuter();
    next = Optional.empty();
    if (current.isEmpty()) {
      return false;
    }
    if (concurrent) {
      next = readOuter();
    }
    batch = current.get().rows();
    batchKeys = current.get().keys();
    innerByKey = await(current.get().inner());
    return true;
  }

  /** Reads a batch of outer rows and starts its lookup (or runs it, when lookups are not concurrent). */
  private Optional<Batch> readOuter() {
    if (outerDone) {
      return Optional.empty();
    }
    checkCanceled();
    if (outer == null) {
      outer = outerRows.enumerator();
    }
    List<Object[]> rows = new ArrayList<>();
    List<Object> keys = new ArrayList<>();
    while (rows.size() < plan.batchSize()) {
      if (!outer.moveNext()) {
        outerDone = true;
        break;
      }
      Object[] row = outer.current();
      rows.add(row);
      keys.add(JoinKeys.of(row, plan.outerKeys()));
    }
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    CompletableFuture<Map<Object, List<Object[]>>> inner = request.isEmpty()
        ? CompletableFuture.completedFuture(Map.of())
        : concurrent ? CompletableFuture.supplyAsync(() -> lookup(rows, keys, request.get()), LOOKUPS)
        : CompletableFuture.completedFuture(lookup(rows, keys, request.get()));
    return Optional.of(new Batch(rows, keys, inner));
  }

  /** A lookup's result, its failure thrown here as it was thrown on the lookup's thread. */
  private static Map<Object, List<Object[]>> await(CompletableFuture<Map<Object, List<Object[]>>> inner) {
    try {
      return inner.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error r) {
        throw r;
      }
      throw e;
    }
  }

  /** The inner rows matching the batch's keys, asking the lookup for each distinct non-NULL key once. */
  private Map<Object, List<Object[]>> lookup(List<Object[]> rows, List<Object> keys, ScanRequest scan) {
    // Normalized key -> the first occurrence's own values, which the source compares in its own way.
    Map<Object, List<Object>> wanted = new LinkedHashMap<>();
    for (int r = 0; r < rows.size(); r++) {
      Object[] row = rows.get(r);
      Object key = keys.get(r);
      if (key != null && !wanted.containsKey(key)) {
        Object[] values = new Object[plan.outerKeys().length];
        for (int i = 0; i < values.length; i++) {
          values[i] = row[plan.outerKeys()[i]];
        }
        wanted.put(key, Arrays.asList(values));
      }
    }
    if (wanted.isEmpty()) {
      return Map.of();
    }
    checkCanceled();
    KeyedRows inner = plan.inner();
    RowCursor cursor = null;
    try {
      cursor = inner.lookup().lookup(inner.keyColumns(), List.copyOf(wanted.values()), scan);
      Map<Object, List<Object[]>> found = new HashMap<>();
      while (!closed && cursor.next()) {
        checkCanceled();
        Object[] row = cursor.current();
        Object key = JoinKeys.of(row, innerKeys);
        // Rows for keys not asked for (a source's looser comparison) match no row of the batch: drop them
        // to keep memory to the batch's matches.
        if (key != null && wanted.containsKey(key)) {
          List<Object[]> matching = found.computeIfAbsent(key, k -> new ArrayList<>(1));
          if (matching.isEmpty() || !plan.firstMatch()) {
            matching.add(row);
          }
        }
      }
      RowCursor done = cursor;
      cursor = null;
      done.close();
      return found;
    } catch (RuntimeException e) {
      String position = "";
      if (cursor != null) {
        position = cursor.position();
        try {
          cursor.close();
        } catch (RuntimeException closing) {
          e.addSuppressed(closing);
        }
      }
      if (context.isCanceled()) {
        throw context.interruption();
      }
      throw SourceErrors.of(inner.name(), e, position);
    }
  }

  private void checkCanceled() {
    if (context.isCanceled()) {
      throw context.interruption();
    }
  }

  /** Starts over: the next {@link #moveNext()} reads the outer side again. */
  @Override
  public void reset() {
    close();
    closed = false;
    outerDone = false;
    batch = List.of();
    batchKeys = List.of();
    nextInBatch = 0;
    innerByKey = Map.of();
    matches = List.of();
    nextMatch = 0;
  }

  @Override
  public void close() {
    closed = true;
    // A lookup still running stops at its next row; waiting for it returns its connection before the
    // query ends. Its result or failure no longer matters.
    next.ifPresent(b -> b.inner().handle((rows, failure) -> rows).join());
    next = Optional.empty();
    if (outer != null) {
      Enumerator<Object[]> o = outer;
      outer = null;
      o.close();
    }
  }
}
