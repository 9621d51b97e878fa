package io.xsql.planner;

import io.xsql.spi.ColumnStatistics;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.IntFunction;
import org.apache.calcite.rel.convert.ConverterImpl;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.MetadataDef;
import org.apache.calcite.rel.metadata.MetadataHandler;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The distinct values of a scan's columns, from what the source estimates ({@link
 * io.xsql.spi.DataTable#distinctValues}: a file's or a collection's sample). Calcite knows none for a scan,
 * and the join order phase then took every join column of a file for a key: TPC-H Q2's partsupp joined to
 * 20 European suppliers looked like 20 rows instead of thousands, so the parts it keeps were looked up last,
 * one key per part of the continent.
 */
public final class XsqlMdDistinctRowCount implements MetadataHandler<BuiltInMetadata.DistinctRowCount> {
  static final XsqlMdDistinctRowCount INSTANCE = new XsqlMdDistinctRowCount();

  private XsqlMdDistinctRowCount() {}

  @Override
  public MetadataDef<BuiltInMetadata.DistinctRowCount> getDef() {
    return BuiltInMetadata.DistinctRowCount.DEF;
  }

  /**
   * The product of the columns' distinct values, as many as the scan's rows (after its filters and {@code
   * predicate}) can hold when drawn from them; null (Calcite's answer) when a column's are unknown.
   */
  public @Nullable Double getDistinctRowCount(XsqlTableScan scan, RelMetadataQuery mq,
      ImmutableBitSet groupKey, @Nullable RexNode predicate) {
    if (scan.groups.isPresent()) {
      return null;
    }
    return estimate(scan, mq, groupKey, predicate, scan.filters.isEmpty() && scan.limit.isEmpty(), field -> {
      OptionalLong d = scan.dataTable().distinctValues(scan.columns.get(field));
      return d.isPresent() && d.getAsLong() > 0 ? OptionalDouble.of(d.getAsLong()) : OptionalDouble.empty();
    });
  }

  /**
   * The same for the scan of a table whose source keeps statistics ({@link ColumnStatistics}: a database
   * table's {@code ANALYZE} results). Without them a GROUP BY pushed into PostgreSQL looked like a tenth of
   * the table, and its few result rows were read as a large result.
   */
  public @Nullable Double getDistinctRowCount(TableScan scan, RelMetadataQuery mq, ImmutableBitSet groupKey,
      @Nullable RexNode predicate) {
    ColumnStatistics statistics = scan.getTable().unwrap(ColumnStatistics.class);
    return statistics == null ? null : estimate(scan, mq, groupKey, predicate, true, statistics::distinctValues);
  }

  /**
   * A converter's, such as a database's rows leaving it for xsql: its input's. Calcite guesses for any
   * node it does not know, so a GROUP BY computed in xsql over a database's filtered rows looked like a
   * tenth of them, and cheaper than the same GROUP BY in the database, which the statistics size.
   */
  public @Nullable Double getDistinctRowCount(ConverterImpl converter, RelMetadataQuery mq, ImmutableBitSet groupKey,
      @Nullable RexNode predicate) {
    return mq.getDistinctRowCount(converter.getInput(), groupKey, predicate);
  }

  /**
   * The estimate for a scan; {@code whole} when the scan reads every row of the table, whose distinct
   * values are then all there (drawing as many rows as the table holds from its values at random, Calcite's
   * formula for a filtered share, finds only 63% of them: a key looked like a column that repeats).
   */
  private static @Nullable Double estimate(TableScan scan, RelMetadataQuery mq, ImmutableBitSet groupKey,
      @Nullable RexNode predicate, boolean whole, IntFunction<OptionalDouble> distinct) {
    Double rows = mq.getRowCount(scan);
    if (groupKey.isEmpty() || rows == null) {
      return null;
    }
    double product = 1;
    for (int field : groupKey) {
      OptionalDouble d = distinct.apply(field);
      if (d.isEmpty()) {
        return null;
      }
      product *= d.getAsDouble();
    }
    if (whole && predicate == null) {
      return Math.min(product, rows);
    }
    Double kept = predicate == null ? 1.0 : mq.getSelectivity(scan, predicate);
    return RelMdUtil.numDistinctVals(product, rows * (kept == null ? 1.0 : kept));
  }
}
