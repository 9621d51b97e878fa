package io.xsql.planner;

import io.xsql.spi.KeyedRows;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.function.Predicate2;
import org.apache.calcite.rel.core.JoinRelType;

/** Runs one lookup join, a batch of outer rows at a time; see {@link LookupJoinPlan}. */
final class LookupJoinEnumerator implements Enumerator<Object[]> {
  private final LookupJoinPlan plan;
  private final Enumerable<Object[]> outerRows;
  private final Optional<ScanRequest> request;
  private final int[] innerKeys;
  /** The join's conditions besides its keys, checked on each pair of equal keys. */
  private final Optional<Predicate2<Object[], Object[]>> residual;
  private final QueryContext context;

  private LookupJoinOuter outer;
  private boolean outerDone;
  private final List<Object[]> batch = new ArrayList<>();
  /** The join key of each batch row ({@link JoinKeys#of}), computed once. */
  private final List<Object> batchKeys = new ArrayList<>();
  private int nextInBatch;
  /** The batch's inner rows by normalized key, in the order the lookup returned them. */
  private Map<Object, List<Object[]>> innerByKey = Map.of();
  private Object[] outerRow;
  private List<Object[]> matches = List.of();
  private int nextMatch;
  private Object[] current;

  LookupJoinEnumerator(LookupJoinPlan plan, Enumerable<Object[]> outerRows, Optional<ScanRequest> request,
      int[] innerKeys, Optional<Predicate2<Object[], Object[]>> residual, QueryContext context) {
    this.plan = plan;
    this.outerRows = outerRows;
    this.request = request;
    this.innerKeys = innerKeys;
    this.residual = residual;
    this.context = context;
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
      if (residual.isPresent() && !matches.isEmpty()) {
        matches = passing(outerRow, matches);
      }
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

  /** The candidates the residual conditions hold for; the first only for FIRST_MATCH. */
  private List<Object[]> passing(Object[] outerValues, List<Object[]> candidates) {
    List<Object[]> out = new ArrayList<>(1);
    for (Object[] inner : candidates) {
      if (residual.get().apply(outerValues, inner)) {
        out.add(inner);
        if (plan.firstMatch()) {
          break;
        }
      }
    }
    return out;
  }

  private Object[] joined(Object[] outerValues, Object[] innerValues) {
    Object[] row = new Object[plan.outerWidth() + plan.innerWidth()];
    System.arraycopy(outerValues, 0, row, 0, plan.outerWidth());
    System.arraycopy(innerValues, 0, row, plan.outerWidth(), plan.innerWidth());
    return row;
  }

  /** Reads the next batch of outer rows and looks up their keys; false when the outer side is done. */
  private boolean readBatch() {
    batch.clear();
    batchKeys.clear();
    nextInBatch = 0;
    innerByKey = Map.of();
    if (outerDone) {
      return false;
    }
    checkCanceled();
    if (outer == null) {
      Enumerator<Object[]> rows = outerRows.enumerator();
      outer = plan.maxDelay().map(delay -> LookupJoinOuter.stream(rows, delay, context))
          .orElseGet(() -> LookupJoinOuter.of(rows));
    }
    outerDone = !outer.fill(batch, plan.batchSize());
    for (Object[] row : batch) {
      batchKeys.add(JoinKeys.of(row, plan.outerKeys()));
    }
    if (batch.isEmpty()) {
      return false;
    }
    if (request.isPresent()) {
      innerByKey = lookup(request.get());
    }
    return true;
  }

  /** The inner rows matching the batch's keys, asking the lookup for each distinct non-NULL key once. */
  private Map<Object, List<Object[]>> lookup(ScanRequest scan) {
    // Normalized key -> the first occurrence's own values, which the source compares in its own way.
    Map<Object, List<Object>> wanted = new LinkedHashMap<>();
    for (int r = 0; r < batch.size(); r++) {
      Object[] row = batch.get(r);
      Object key = batchKeys.get(r);
      if (key != null && !wanted.containsKey(key)) {
        wanted.put(key, JoinKeys.values(row, plan.outerKeys()));
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
      while (cursor.next()) {
        checkCanceled();
        Object[] row = cursor.current();
        Object key = JoinKeys.of(row, innerKeys);
        // Rows for keys not asked for (a source's looser comparison) match no row of the batch: drop them
        // to keep memory to the batch's matches.
        if (key != null && wanted.containsKey(key)) {
          List<Object[]> rows = found.computeIfAbsent(key, k -> new ArrayList<>(1));
          // FIRST_MATCH keeps the first row of a key, unless other conditions choose among them.
          if (rows.isEmpty() || !plan.firstMatch() || residual.isPresent()) {
            rows.add(row);
          }
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

  private void checkCanceled() {
    if (context.isCanceled()) {
      throw context.interruption();
    }
  }

  /** Starts over: the next {@link #moveNext()} reads the outer side again. */
  @Override
  public void reset() {
    close();
    outerDone = false;
    batch.clear();
    batchKeys.clear();
    nextInBatch = 0;
    innerByKey = Map.of();
    matches = List.of();
    nextMatch = 0;
  }

  @Override
  public void close() {
    if (outer != null) {
      LookupJoinOuter o = outer;
      outer = null;
      o.close();
    }
  }
}
