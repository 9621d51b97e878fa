package io.xsql.planner;

import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.function.Predicate2;
import org.apache.calcite.rel.core.JoinRelType;

/**
 * Runs one lookup join, a batch of outer rows at a time, the next batch fetched while the current one is
 * joined; an adaptive join switches to a scan of the inner side once it has looked up its plan's number of
 * keys. See {@link LookupJoinPlan}.
 */
final class LookupJoinEnumerator implements Enumerator<Object[]> {
  /**
   * Batches fetched ahead of the one joined, for an outer side that ends and a lookup that waits on another
   * process ({@link io.xsql.spi.KeyLookup#remote}). A stream's batch is fetched when it is cut, so that its
   * rows wait for no later ones.
   */
  private static final int AHEAD = 1;

  private final LookupJoinPlan plan;
  private final Enumerable<Object[]> outerRows;
  /** How the inner rows are fetched; empty when a NULL parameter leaves none to fetch. */
  private final Optional<LookupBatchFetch> fetch;
  /** The join's conditions besides its keys, checked on each pair of equal keys. */
  private final Optional<Predicate2<Object[], Object[]>> residual;
  private final QueryContext context;

  private LookupJoinOuter outer;
  private boolean outerDone;
  private LookupPipeline pipeline;
  /** Distinct keys sent to the lookup so far, batch by batch. */
  private long keysLookedUp;
  /** Whether an adaptive join stopped looking up: the outer rows not yet read join a scan of the inner side. */
  private boolean switched;
  /** After the switch, when the outer rows left were hashed: the join's remaining rows. */
  private Optional<LookupJoinScan> rest = Optional.empty();
  /** After the switch, when the inner side was hashed: its rows by key, for every outer row still to come. */
  private Optional<Map<Object, List<Object[]>>> scanned = Optional.empty();
  /** The outer rows read before the inner side was hashed, joined first. */
  private List<Object[]> held = List.of();

  private List<Object[]> batch = List.of();
  /** The join key of each batch row ({@link JoinKeys#of}), computed once. */
  private List<Object> batchKeys = List.of();
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
    this.fetch = request.map(r -> new LookupBatchFetch(plan, r, innerKeys, residual.isPresent(), context));
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
      if (rest.isPresent()) {
        boolean more = rest.get().moveNext();
        current = rest.get().current();
        return more;
      }
      if (nextMatch < matches.size()) {
        current = plan.joined(outerRow, matches.get(nextMatch++));
        return true;
      }
      if (nextInBatch == batch.size()) {
        if (!nextBatch()) {
          if (rest.isEmpty()) {
            return false;
          }
          continue;
        }
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
          current = plan.joined(outerRow, new Object[plan.innerWidth()]);
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

  /**
   * Moves to the next batch of outer rows and their inner rows; false when there is none, the join then
   * being over unless it just switched to {@link #rest}.
   */
  private boolean nextBatch() {
    batch = List.of();
    batchKeys = List.of();
    nextInBatch = 0;
    innerByKey = Map.of();
    checkCanceled();
    if (outer == null) {
      Enumerator<Object[]> rows = outerRows.enumerator();
      outer = plan.maxDelay().map(delay -> LookupJoinOuter.stream(rows, delay, context))
          .orElseGet(() -> LookupJoinOuter.of(rows));
      pipeline = new LookupPipeline(plan.maxDelay().isPresent() || !plan.inner().lookup().remote() ? 0 : AHEAD,
          context);
    }
    if (scanned.isPresent()) {
      return scannedBatch();
    }
    while (pipeline.wantsMore() && !outerDone && !switched) {
      submitBatch();
    }
    Optional<LookupPipeline.Batch> next = pipeline.next();
    if (next.isPresent()) {
      batch = next.get().rows();
      batchKeys = next.get().keys();
      innerByKey = next.get().inner().join();
      return true;
    }
    if (switched) {
      switchToScan();
      return scanned.isPresent() && scannedBatch();
    }
    return false;
  }

  /**
   * Reads the next batch of outer rows and starts its lookup, unless an adaptive join has looked up its
   * share of keys: it then switches instead, and the rows stay unread.
   */
  private void submitBatch() {
    if (plan.adaptive().isPresent() && fetch.isPresent()
        && keysLookedUp >= plan.adaptive().get().afterKeys()) {
      switched = true;
      return;
    }
    List<Object[]> rows = new ArrayList<>();
    outerDone = !outer.fill(rows, plan.batchSize());
    if (rows.isEmpty()) {
      return;
    }
    List<Object> keys = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      keys.add(JoinKeys.of(row, plan.outerKeys()));
    }
    Map<Object, List<Object>> wanted = LookupBatchFetch.wanted(rows, keys, plan.outerKeys());
    keysLookedUp += wanted.size();
    pipeline.submit(rows, keys, stopped -> fetch.map(f -> f.fetch(wanted, stopped)).orElse(Map.of()));
  }

  /**
   * Joins the outer rows not yet read with one read of the inner side: up to the inner side's estimated rows
   * are read and, if the outer side ends there, hashed for the inner rows to probe ({@link LookupJoinScan});
   * otherwise the inner side is hashed and they and the rest probe it batch by batch.
   */
  private void switchToScan() {
    LookupJoinPlan.Adaptive adaptive = plan.adaptive().orElseThrow();
    LookupBatchFetch inner = fetch.orElseThrow();
    List<Object[]> left = new ArrayList<>();
    int most = adaptive.outerBuildRows();
    outerDone = !outer.fill(left, most + 1);
    boolean hashOuter = outerDone && left.size() <= most;
    warnSwitched(hashOuter ? String.format(Locale.ROOT, "%,d remaining outer rows hashed", left.size())
        : String.format(Locale.ROOT, "the inner side hashed, more than %,d outer rows remaining", most));
    if (hashOuter) {
      rest = Optional.of(new LookupJoinScan(plan, left, inner, residual));
      return;
    }
    Map<Object, List<Object[]>> rows = new HashMap<>();
    boolean firstOnly = plan.firstRowOnly(residual.isPresent());
    RowCursor cursor = inner.scan();
    // A failed or canceled read closes the cursor itself.
    while (inner.next(cursor)) {
      Object key = JoinKeys.of(cursor.current(), inner.innerKeys());
      if (key != null) {
        LookupBatchFetch.add(rows, key, cursor.current(), firstOnly);
      }
    }
    cursor.close();
    scanned = Optional.of(rows);
    held = left;
  }

  /** The next outer rows after the inner side was hashed: those held first, then the rest, batch by batch. */
  private boolean scannedBatch() {
    List<Object[]> rows = held;
    held = List.of();
    if (rows.isEmpty() && !outerDone) {
      rows = new ArrayList<>();
      outerDone = !outer.fill(rows, plan.batchSize());
    }
    if (rows.isEmpty()) {
      return false;
    }
    List<Object> keys = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      keys.add(JoinKeys.of(row, plan.outerKeys()));
    }
    batch = rows;
    batchKeys = keys;
    innerByKey = scanned.orElseThrow();
    return true;
  }

  private void warnSwitched(String how) {
    LookupJoinPlan.Adaptive adaptive = plan.adaptive().orElseThrow();
    String table = plan.inner().name();
    context.warn(String.format(Locale.ROOT, "adaptive join: the lookup join into %s looked up %,d keys"
        + " (the plan estimated %,.0f outer rows, and switches after %,d keys), then joined the other outer rows"
        + " with one scan of %s (%s)", table, keysLookedUp, adaptive.outerRows(), adaptive.afterKeys(), table, how));
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
    keysLookedUp = 0;
    switched = false;
    scanned = Optional.empty();
    held = List.of();
    batch = List.of();
    batchKeys = List.of();
    nextInBatch = 0;
    innerByKey = Map.of();
    matches = List.of();
    nextMatch = 0;
  }

  @Override
  public void close() {
    if (rest.isPresent()) {
      LookupJoinScan r = rest.get();
      rest = Optional.empty();
      r.close();
    }
    if (pipeline != null) {
      LookupPipeline p = pipeline;
      pipeline = null;
      p.close();
    }
    if (outer != null) {
      LookupJoinOuter o = outer;
      outer = null;
      o.close();
    }
  }
}
