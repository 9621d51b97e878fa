package io.xsql.planner;

import static java.util.Objects.requireNonNull;

import io.xsql.spi.KeyedRows;
import io.xsql.spi.ScanRequest;
import java.time.Duration;
import java.util.Optional;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.function.Predicate2;
import org.apache.calcite.rel.core.JoinRelType;

/**
 * What a lookup (dependent) join does at run time: stream the outer side in batches, fetch only the inner
 * rows matching each batch's distinct keys through the inner side's {@link io.xsql.spi.KeyLookup}, and
 * match them in the engine, since a source may return more rows than asked for (MySQL compares text
 * case-insensitively). The next batch is looked up on a background thread while the current one is joined
 * ({@link LookupPipeline}). Memory holds the batch being joined and the one fetched ahead, each with its
 * inner rows. An adaptive join, once it has looked up more keys than its {@link Adaptive#afterKeys()}, joins
 * the outer rows not yet looked up with one read of the inner side through its lookup's {@link
 * io.xsql.spi.KeyLookup#scan} instead ({@link LookupJoinScan}). Public only because generated code calls it.
 *
 * @param inner the inner side: its lookup and the request giving its rows
 * @param outerKeys the outer row's key fields, in the order of {@code inner.keyColumns()}
 * @param type INNER, LEFT, SEMI or ANTI (NOT EXISTS: outer rows without a match, NULL keys included)
 * @param firstMatch whether an outer row joins at most its first inner match (INNER and LEFT only)
 * @param batchSize outer rows per lookup call, at most the lookup's {@code maxBatchSize()}
 * @param outerWidth the outer row's field count
 * @param innerWidth the inner row's field count, one per requested column
 * @param maxDelay for an outer side that is a stream: the longest an outer row waits for its batch to fill
 *     ({@link io.xsql.spi.LookupBatch}); empty for one that ends, whose batches fill as fast as it reads
 * @param adaptive when the join stops looking up and scans the inner side instead; empty for a join that
 *     only looks up (forced by a hint, enriching a stream, or into a side that is neither keyed nor indexed
 *     or whose lookup cannot read it whole)
 */
public record LookupJoinPlan(KeyedRows inner, int[] outerKeys, JoinRelType type, boolean firstMatch,
    int batchSize, int outerWidth, int innerWidth, Optional<Duration> maxDelay, Optional<Adaptive> adaptive) {

  /**
   * When an adaptive lookup join switches to a scan of its inner side, and how it joins the rest there.
   *
   * @param afterKeys the distinct keys looked up (summed over batches) past which no further batch is looked
   *     up: the rest of the outer rows join one scan of the inner side
   * @param outerRows the planner's estimate of the outer rows, which the switch's warning compares with
   * @param innerRows the planner's estimate of the inner rows: the most remaining outer rows hashed for the
   *     scan to probe; past that many, the inner side is hashed instead and the outer rows probe it
   * @param keepsOrder whether the join's rows must come in the outer side's order (the planner dropped a sort
   *     above the join for it): the inner side is then hashed however few outer rows remain, since a scan
   *     probing a hash of them gives its rows in the inner side's order
   */
  public record Adaptive(long afterKeys, double outerRows, double innerRows, boolean keepsOrder) {
    public Adaptive {
      if (afterKeys < 1) {
        throw new IllegalArgumentException("an adaptive join switches after at least 1 key, not " + afterKeys);
      }
    }

    /** The most remaining outer rows the scan probes a hash of, as a buffer size; none when the order is kept. */
    int outerBuildRows() {
      return keepsOrder ? 0 : (int) Math.min(Integer.MAX_VALUE - 8, Math.max(0, Math.ceil(innerRows)));
    }
  }

  /** The plan of a join whose outer side ends and that only looks up. */
  public LookupJoinPlan(KeyedRows inner, int[] outerKeys, JoinRelType type, boolean firstMatch, int batchSize,
      int outerWidth, int innerWidth) {
    this(inner, outerKeys, type, firstMatch, batchSize, outerWidth, innerWidth, Optional.empty(), Optional.empty());
  }

  public LookupJoinPlan {
    requireNonNull(inner, "inner is null");
    requireNonNull(type, "type is null");
    requireNonNull(maxDelay, "maxDelay is null");
    requireNonNull(adaptive, "adaptive is null");
    if (adaptive.isPresent() && (maxDelay.isPresent() || !inner.lookup().scans(inner.keyColumns()))) {
      throw new IllegalArgumentException("an adaptive lookup join reads " + inner.name() + " whole after its"
          + " switch: not a stream's, and only through a lookup that scans");
    }
    outerKeys = outerKeys.clone();
    if (type != JoinRelType.INNER && type != JoinRelType.LEFT && type != JoinRelType.SEMI
        && type != JoinRelType.ANTI) {
      throw new IllegalArgumentException("a lookup join cannot run a " + type + " join");
    }
    if (firstMatch && !type.projectsRight()) {
      throw new IllegalArgumentException("firstMatch applies to INNER and LEFT joins, not " + type);
    }
    if (outerKeys.length == 0 || outerKeys.length != inner.keyColumns().size()) {
      throw new IllegalArgumentException(outerKeys.length + " outer keys for the "
          + inner.keyColumns().size() + " key columns of " + inner.name());
    }
    for (int k : outerKeys) {
      if (k < 0 || k >= outerWidth) {
        throw new IllegalArgumentException("outer key " + k + " outside a row of " + outerWidth);
      }
    }
    if (batchSize < 1 || batchSize > inner.lookup().maxBatchSize()) {
      throw new IllegalArgumentException("batch size " + batchSize + " outside 1.."
          + inner.lookup().maxBatchSize() + " for " + inner.name());
    }
    if (innerWidth != inner.columns().size()) {
      throw new IllegalArgumentException("inner width " + innerWidth + " but " + inner.columns().size()
          + " requested columns of " + inner.name());
    }
    KeyedLookups.keyPositions(inner);
  }

  /**
   * Called by generated code. Outer rows are {@code Object[]}; emitted rows are the outer row's values
   * followed by the inner row's (INNER, LEFT; NULLs for a LEFT row without a match) or the outer row's
   * values only (SEMI, ANTI).
   */
  public Enumerable<Object[]> join(Enumerable<Object[]> outer, DataContext root) {
    return join(outer, root, Optional.empty());
  }

  /**
   * Called by generated code for a join with conditions besides its keys: an outer row and an inner row of
   * equal keys match only where {@code residual} holds (a LEFT row none of whose candidates holds gets
   * NULLs, an ANTI row is kept).
   */
  public Enumerable<Object[]> join(Enumerable<Object[]> outer, DataContext root,
      Predicate2<Object[], Object[]> residual) {
    return join(outer, root, Optional.of(residual));
  }

  private Enumerable<Object[]> join(Enumerable<Object[]> outer, DataContext root,
      Optional<Predicate2<Object[], Object[]>> residual) {
    Optional<ScanRequest> request = KeyedLookups.request(inner, root);
    if (request.isEmpty() && (type == JoinRelType.INNER || type == JoinRelType.SEMI)) {
      return Linq4j.emptyEnumerable();
    }
    QueryContext context = QueryContext.of(root);
    int[] innerKeys = KeyedLookups.keyPositions(inner);
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return new LookupJoinEnumerator(LookupJoinPlan.this, outer, request, innerKeys, residual, context);
      }
    };
  }

  /** An output row of an INNER or LEFT join: the outer row's values, then the inner row's. */
  Object[] joined(Object[] outerValues, Object[] innerValues) {
    Object[] row = new Object[outerWidth + innerWidth];
    System.arraycopy(outerValues, 0, row, 0, outerWidth);
    System.arraycopy(innerValues, 0, row, outerWidth, innerWidth);
    return row;
  }

  /**
   * Whether the inner rows of a key keep only the first one found: FIRST_MATCH, unless other conditions
   * choose among them.
   */
  boolean firstRowOnly(boolean hasResidual) {
    return firstMatch && !hasResidual;
  }
}
