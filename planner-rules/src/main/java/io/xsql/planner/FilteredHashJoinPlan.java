package io.xsql.planner;

import static java.util.Objects.requireNonNull;

import io.xsql.spi.KeyedRows;
import io.xsql.spi.ScanRequest;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.core.JoinRelType;

/**
 * What an inner, semi or anti hash join with a dynamic filter does at run time: read the build side whole into
 * a hash table, as any hash join does; then, when it holds at most {@code maxKeys} distinct keys, fetch only
 * the probe side's rows with those keys through its {@link io.xsql.spi.KeyLookup} (in batches), so that its
 * source sends only rows that can match; with more keys, read the probe side whole. The choice is made
 * when the build side is known, so a wrong row estimate costs nothing beyond the plain hash join. A semi-
 * or anti-join that builds on its left side emits each left row once its key is found (semi), or the left
 * rows whose keys no probe row had once the probe side is read (anti; a row without a key among them).
 * Public only because generated code calls it.
 *
 * @param filters the ways the probe side can be filtered, one lookup each: by all keys, or, where the probe
 *     side cannot look up several at once, by each key alone (its rows with those values are a superset
 *     of the matches, which the hash join matches on all keys); at run time the one whose distinct build
 *     values are the fewest per value of the probe side is taken
 * @param buildKeys the build row's key fields
 * @param probeKeys the probe row's key fields, pair by pair with {@code buildKeys}, the same whether it was
 *     looked up or scanned
 * @param buildLeft whether the build side is the join's left input, whose fields come first
 * @param joinType INNER, SEMI or ANTI: a semi-join keeps its left rows that have a match, once, alone, and
 *     builds on either side; an anti-join keeps those that have none, and builds on its left side
 * @param buildWidth the build row's field count
 * @param probeWidth the probe row's field count
 * @param maxKeys the most distinct keys sent to the probe side
 * @param batchSize keys per lookup call, at most each lookup's {@code maxBatchSize()}
 */
public record FilteredHashJoinPlan(List<DynamicFilter> filters, int[] buildKeys, int[] probeKeys,
    boolean buildLeft, JoinRelType joinType, int buildWidth, int probeWidth, int maxKeys, int batchSize) {

  /**
   * One way to filter the probe side.
   *
   * @param probe the probe side's lookup by some of the keys, and the request giving its rows
   * @param buildFields the build row's fields whose values the lookup takes, in the order of {@code
   *     probe.keyColumns()}
   * @param probeValues the probe side's estimated distinct values of those columns; 0 when unknown, and
   *     the filter is then taken to keep all of its rows
   */
  public record DynamicFilter(KeyedRows probe, int[] buildFields, double probeValues) {
    public DynamicFilter {
      requireNonNull(probe, "probe is null");
      buildFields = buildFields.clone();
      if (buildFields.length == 0 || buildFields.length != probe.keyColumns().size()) {
        throw new IllegalArgumentException(buildFields.length + " build fields for the "
            + probe.keyColumns().size() + " key columns of " + probe.name());
      }
    }
  }

  public FilteredHashJoinPlan {
    filters = List.copyOf(filters);
    buildKeys = buildKeys.clone();
    probeKeys = probeKeys.clone();
    if (filters.isEmpty() || buildKeys.length == 0 || buildKeys.length != probeKeys.length) {
      throw new IllegalArgumentException(filters.size() + " filters, " + buildKeys.length + " build keys and "
          + probeKeys.length + " probe keys");
    }
    if (joinType != JoinRelType.INNER && joinType != JoinRelType.SEMI
        && !(joinType == JoinRelType.ANTI && buildLeft)) {
      throw new IllegalArgumentException("a filtered hash join is inner, semi or, building on its left side,"
          + " anti, not " + joinType + (buildLeft ? " building left" : " building right"));
    }
    for (DynamicFilter f : filters) {
      KeyedRows probe = f.probe();
      if (!probe.columns().equals(filters.get(0).probe().columns())
          || !probe.filters().equals(filters.get(0).probe().filters())) {
        throw new IllegalArgumentException("the filters of " + probe.name() + " request other rows");
      }
      if (probeWidth != probe.columns().size()) {
        throw new IllegalArgumentException("probe width " + probeWidth + " but " + probe.columns().size()
            + " requested columns of " + probe.name());
      }
      if (batchSize < 1 || batchSize > probe.lookup().maxBatchSize() || maxKeys < batchSize) {
        throw new IllegalArgumentException("batch size " + batchSize + " and " + maxKeys + " keys at most for "
            + probe.name() + ", whose lookup takes " + probe.lookup().maxBatchSize());
      }
    }
  }

  /** Whether the join keeps its left rows alone, each once: a semi- or anti-join. */
  boolean leftOnly() {
    return joinType != JoinRelType.INNER;
  }

  /**
   * Called by generated code with the join's inputs as {@code Object[]} rows; emits the left row's values
   * followed by the right row's.
   */
  public Enumerable<Object[]> join(Enumerable<Object[]> left, Enumerable<Object[]> right, DataContext root) {
    // The filters differ only in their keys: one request serves them all.
    Optional<ScanRequest> request = KeyedLookups.request(filters.get(0).probe(), root);
    if (request.isEmpty()) {
      // No probe row can match: an anti-join keeps every left row.
      return joinType == JoinRelType.ANTI ? left : Linq4j.emptyEnumerable();
    }
    Enumerable<Object[]> build = buildLeft ? left : right;
    Enumerable<Object[]> probeScan = buildLeft ? right : left;
    QueryContext context = QueryContext.of(root);
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return new FilteredHashJoinEnumerator(FilteredHashJoinPlan.this, build, probeScan, request.get(),
            context);
      }
    };
  }
}
