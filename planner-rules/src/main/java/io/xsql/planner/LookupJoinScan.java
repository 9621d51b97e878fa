package io.xsql.planner;

import io.xsql.spi.RowCursor;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.function.Predicate2;
import org.apache.calcite.rel.core.JoinRelType;

/**
 * The rest of an adaptive lookup join after its switch, when the outer rows not yet looked up are few
 * enough to hold (at most the inner side's estimated rows): they are hashed by key, the inner side is read
 * once through its lookup's scan, and each inner row probes the hash. A LEFT join's outer rows without a match (with NULLs)
 * and an ANTI join's come after the scan, in their order. No scan is needed when no outer row has a key.
 */
final class LookupJoinScan implements Enumerator<Object[]> {
  private final LookupJoinPlan plan;
  private final List<Object[]> outerRows;
  /** Each non-NULL key's outer rows, by their index in {@link #outerRows}. */
  private final Map<Object, List<Integer>> byKey = new HashMap<>();
  private final BitSet matched = new BitSet();
  private final LookupBatchFetch fetch;
  private final Optional<Predicate2<Object[], Object[]>> residual;
  /** Whether an outer row joins one inner row at most: FIRST_MATCH, SEMI and ANTI. */
  private final boolean once;

  private RowCursor inner;
  private boolean scanDone;
  private Object[] innerRow;
  private List<Integer> candidates = List.of();
  private int nextCandidate;
  /** After the scan: the next outer row to check for a match. */
  private int nextUnmatched;
  private Object[] current;

  LookupJoinScan(LookupJoinPlan plan, List<Object[]> outerRows, LookupBatchFetch fetch,
      Optional<Predicate2<Object[], Object[]>> residual) {
    this.plan = plan;
    this.outerRows = outerRows;
    this.fetch = fetch;
    this.residual = residual;
    this.once = plan.firstMatch() || !plan.type().projectsRight();
    for (int i = 0; i < outerRows.size(); i++) {
      Object key = JoinKeys.of(outerRows.get(i), plan.outerKeys());
      if (key != null) {
        byKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(i);
      }
    }
    scanDone = byKey.isEmpty();
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public boolean moveNext() {
    while (!scanDone) {
      while (nextCandidate < candidates.size()) {
        int o = candidates.get(nextCandidate++);
        if (once && matched.get(o)) {
          continue;
        }
        Object[] outerRow = outerRows.get(o);
        if (residual.isPresent() && !residual.get().apply(outerRow, innerRow)) {
          continue;
        }
        matched.set(o);
        if (plan.type().projectsRight()) {
          current = plan.joined(outerRow, innerRow);
          return true;
        }
        if (plan.type() == JoinRelType.SEMI) {
          current = outerRow;
          return true;
        }
      }
      nextInnerRow();
    }
    if (plan.type() == JoinRelType.LEFT || plan.type() == JoinRelType.ANTI) {
      while (nextUnmatched < outerRows.size()) {
        int o = nextUnmatched++;
        if (!matched.get(o)) {
          current = plan.type() == JoinRelType.LEFT ? plan.joined(outerRows.get(o), new Object[plan.innerWidth()])
              : outerRows.get(o);
          return true;
        }
      }
    }
    return false;
  }

  private void nextInnerRow() {
    if (inner == null) {
      inner = fetch.scan();
    }
    boolean more;
    try {
      more = fetch.next(inner);
    } catch (RuntimeException e) {
      // The failed cursor is closed already.
      inner = null;
      throw e;
    }
    if (!more) {
      scanDone = true;
      close();
      return;
    }
    innerRow = inner.current();
    Object key = JoinKeys.of(innerRow, fetch.innerKeys());
    candidates = key == null ? List.of() : byKey.getOrDefault(key, List.of());
    nextCandidate = 0;
  }

  @Override
  public void reset() {
    throw new UnsupportedOperationException("the rest of a lookup join is read once");
  }

  @Override
  public void close() {
    if (inner != null) {
      RowCursor c = inner;
      inner = null;
      c.close();
    }
  }
}
