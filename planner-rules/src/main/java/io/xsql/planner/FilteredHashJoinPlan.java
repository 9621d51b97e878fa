package io.xsql.planner;

import static java.util.Objects.requireNonNull;

import io.xsql.spi.KeyedRows;
import io.xsql.spi.ScanRequest;
import java.util.Optional;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * What an inner or semi hash join with a dynamic filter does at run time: read the build side whole into a hash
 * table, as any hash join does; then, when it holds at most {@code maxKeys} distinct keys, fetch only the
 * probe side's rows with those keys through its {@link io.xsql.spi.KeyLookup} (in batches), so that its
 * source sends only rows that can match; with more keys, read the probe side whole. The choice is made
 * when the build side is known, so a wrong row estimate costs nothing beyond the plain hash join. Public
 * only because generated code calls it.
 *
 * @param probe the probe side's lookup and the request giving its rows
 * @param buildKeys the build row's key fields, in the order of {@code probe.keyColumns()}
 * @param probeKeys the probe row's key fields, the same whether it was looked up or scanned
 * @param buildLeft whether the build side is the join's left input, whose fields come first
 * @param semi whether the join is a semi-join: the probe side is its left input, and each probe row with a
 *     match comes out once, alone
 * @param buildWidth the build row's field count
 * @param probeWidth the probe row's field count
 * @param maxKeys the most distinct keys sent to the probe side
 * @param batchSize keys per lookup call, at most the lookup's {@code maxBatchSize()}
 */
public record FilteredHashJoinPlan(KeyedRows probe, int[] buildKeys, int[] probeKeys, boolean buildLeft,
    boolean semi, int buildWidth, int probeWidth, int maxKeys, int batchSize) {

  public FilteredHashJoinPlan {
    requireNonNull(probe, "probe is null");
    buildKeys = buildKeys.clone();
    probeKeys = probeKeys.clone();
    if (buildKeys.length == 0 || buildKeys.length != probeKeys.length
        || buildKeys.length != probe.keyColumns().size()) {
      throw new IllegalArgumentException(buildKeys.length + " build keys and " + probeKeys.length
          + " probe keys for the " + probe.keyColumns().size() + " key columns of " + probe.name());
    }
    if (semi && buildLeft) {
      throw new IllegalArgumentException("a semi-join builds on its right side");
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

  /**
   * Called by generated code with the join's inputs as {@code Object[]} rows; emits the left row's values
   * followed by the right row's.
   */
  public Enumerable<Object[]> join(Enumerable<Object[]> left, Enumerable<Object[]> right, DataContext root) {
    Optional<ScanRequest> request = KeyedLookups.request(probe, root);
    if (request.isEmpty()) {
      return Linq4j.emptyEnumerable();
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
