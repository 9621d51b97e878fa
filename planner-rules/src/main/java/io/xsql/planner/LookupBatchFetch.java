package io.xsql.planner;

import io.xsql.spi.KeyedRows;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * How a lookup join fetches one batch: the inner rows of the batch's distinct keys, by normalized key, read
 * whole so that the source's statement (and its connection) is released before the rows are joined. A
 * fetch may run on a background thread ({@link LookupPipeline}); it reads only its own arguments.
 *
 * @param plan the join's plan
 * @param request the inner side's request, its parameters bound
 * @param innerKeys where the key columns are in the returned rows
 * @param hasResidual whether conditions besides the keys choose among a key's rows
 * @param context the query's context
 */
record LookupBatchFetch(LookupJoinPlan plan, ScanRequest request, int[] innerKeys, boolean hasResidual,
    QueryContext context) {

  /**
   * The distinct non-NULL keys of a batch: normalized key ({@link JoinKeys#of}) to the first occurrence's
   * own values, which the source compares in its own way.
   */
  static Map<Object, List<Object>> wanted(List<Object[]> rows, List<Object> keys, int[] outerKeys) {
    Map<Object, List<Object>> wanted = new LinkedHashMap<>();
    for (int r = 0; r < rows.size(); r++) {
      Object key = keys.get(r);
      if (key != null && !wanted.containsKey(key)) {
        wanted.put(key, JoinKeys.values(rows.get(r), outerKeys));
      }
    }
    return wanted;
  }

  /**
   * Adds an inner row under its key; FIRST_MATCH keeps the first row of a key only, unless other conditions
   * choose among them.
   */
  static void add(Map<Object, List<Object[]>> rows, Object key, Object[] row, boolean firstOnly) {
    List<Object[]> same = rows.computeIfAbsent(key, k -> new ArrayList<>(1));
    if (same.isEmpty() || !firstOnly) {
      same.add(row);
    }
  }

  /**
   * The inner rows matching the keys, asking the lookup once for all; empty when {@code stopped} turns
   * true (the join was closed), which is checked between rows.
   */
  Map<Object, List<Object[]>> fetch(Map<Object, List<Object>> wanted, BooleanSupplier stopped) {
    if (wanted.isEmpty() || stopped.getAsBoolean()) {
      return Map.of();
    }
    checkCanceled();
    KeyedRows inner = plan.inner();
    boolean firstOnly = plan.firstRowOnly(hasResidual);
    RowCursor cursor = null;
    try {
      cursor = inner.lookup().lookup(inner.keyColumns(), List.copyOf(wanted.values()), request);
      Map<Object, List<Object[]>> found = new HashMap<>();
      while (cursor.next() && !stopped.getAsBoolean()) {
        checkCanceled();
        Object[] row = cursor.current();
        Object key = JoinKeys.of(row, innerKeys);
        // Rows for keys not asked for (a source's looser comparison) match no row of the batch: drop them
        // to keep memory to the batch's matches.
        if (key != null && wanted.containsKey(key)) {
          add(found, key, row, firstOnly);
        }
      }
      RowCursor done = cursor;
      cursor = null;
      done.close();
      return found;
    } catch (RuntimeException e) {
      throw KeyedLookups.failure(inner, e, cursor, context);
    }
  }

  /**
   * Every row of the inner side, through its lookup's {@link io.xsql.spi.KeyLookup#scan}, for a join that
   * switched; the caller closes it.
   */
  RowCursor scan() {
    checkCanceled();
    KeyedRows inner = plan.inner();
    try {
      return inner.lookup().scan(inner.keyColumns(), request);
    } catch (RuntimeException e) {
      throw KeyedLookups.failure(inner, e, null, context);
    }
  }

  /**
   * Moves {@code cursor} to its next row, checking for a cancel first; on failure closes it and throws the
   * error named after the inner side.
   */
  boolean next(RowCursor cursor) {
    try {
      checkCanceled();
      return cursor.next();
    } catch (RuntimeException e) {
      throw KeyedLookups.failure(plan.inner(), e, cursor, context);
    }
  }

  private void checkCanceled() {
    if (context.isCanceled()) {
      throw context.interruption();
    }
  }
}
