package io.xsql.planner;

import io.xsql.spi.DataTable;
import io.xsql.spi.KeyedRows;
import io.xsql.spi.LookupSide;
import io.xsql.spi.Predicate;
import io.xsql.spi.SortOrder;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.hint.RelHint;
import org.apache.calcite.util.ImmutableIntList;

/** An {@link XsqlTableScan} in the enumerable convention: it generates the code that runs the scan. */
public final class XsqlEnumerableScan extends XsqlTableScan implements EnumerableRel, LookupSide {

  private XsqlEnumerableScan(RelOptCluster cluster, List<RelHint> hints, RelOptTable table, XsqlTable xsqlTable,
      ImmutableIntList columns, List<Predicate> filters, OptionalLong limit, Optional<SortOrder> limitOrder,
      Optional<ScanGroups> groups) {
    super(cluster, traits(cluster, EnumerableConvention.INSTANCE, xsqlTable, columns, groups), hints, table, xsqlTable,
        columns, filters, limit, limitOrder, groups);
  }

  /** The runnable form of a logical scan. */
  static XsqlEnumerableScan of(XsqlTableScan scan) {
    return new XsqlEnumerableScan(scan.getCluster(), scan.getHints(), scan.getTable(), scan.xsqlTable, scan.columns,
        scan.filters, scan.limit, scan.limitOrder, scan.groups);
  }

  /**
   * Looks rows up through the table's {@link io.xsql.spi.KeyLookup}, with the scan's columns and
   * filters. A scan that may stop early (a LIMIT) or returns groups has no rows to look up in.
   */
  @Override
  public Optional<KeyedRows> lookupBy(List<Integer> keyFields) {
    if (limit.isPresent() || groups.isPresent()) {
      return Optional.empty();
    }
    List<Integer> keyColumns = keyFields.stream().map(columns::get).toList();
    DataTable table = dataTable();
    return table.keyLookup().filter(l -> l.supports(keyColumns)).map(l -> new KeyedRows(xsqlTable.name(),
        new CountedLookup(xsqlTable.name(), l),
        keyColumns, columns, table.columns(), filters, table.backingFile().isPresent()));
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    // Calcite's usual row shapes: an array, or a bare value for one column (see ScanPlan).
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    ScanPlan plan = new ScanPlan(xsqlTable, columns.toIntArray(), filters,
        !sortedPrefix(dataTable(), columns, groups).isEmpty(), limit, limitOrder, groups.map(ScanGroups::aggregation));
    return implementor.result(physType, Blocks.toBlock(
        Expressions.call(implementor.stash(plan, ScanPlan.class), "enumerable", DataContext.ROOT)));
  }
}
