package io.xsql.planner;

import com.google.common.collect.ImmutableList;
import io.xsql.spi.Column;
import io.xsql.spi.DataTable;
import io.xsql.spi.FilterOp;
import io.xsql.spi.Predicate;
import io.xsql.spi.ScanContext;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SortOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.hint.RelHint;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.util.ImmutableIntList;

/**
 * Reads a source's table, asking it for only the needed columns, the filters it accepted and the rows a
 * LIMIT needs. This is the logical scan the pushdown rules rewrite; {@link XsqlEnumerableScan} runs it.
 *
 * <p>The scan's collation is the longest prefix of the table's declared sort keys that survives the
 * projection, so a pruned scan never claims an order it does not deliver. A scan with a collation has the
 * whole table checked against the declared order before it returns a row ({@link XsqlTable#checkOrder}).
 */
public class XsqlTableScan extends TableScan {
  /** Answers collation metadata from the scan's own traits (see {@link XsqlTable}). */
  static final BuiltInMetadata.Collation.Handler COLLATION_HANDLER =
      (rel, mq) -> ImmutableList.copyOf(rel.getTraitSet().getTraits(RelCollationTraitDef.INSTANCE));

  final XsqlTable xsqlTable;
  /** The table columns the scan produces, in output order. */
  final ImmutableIntList columns;
  /** Filters the table evaluates; values may be {@link ScanFilters.Param}s until bound. */
  final List<Predicate> filters;
  /** Rows the table may stop after (a LIMIT, plus its OFFSET); the engine still applies the LIMIT. */
  final OptionalLong limit;
  /** Which rows the limit keeps, when the table sorts for it; the engine still sorts them. */
  final Optional<SortOrder> limitOrder;
  /** The GROUP BY the table computes, if any: the scan then returns groups (and has no columns). */
  final Optional<ScanGroups> groups;

  XsqlTableScan(RelOptCluster cluster, RelTraitSet traits, List<RelHint> hints, RelOptTable table,
      XsqlTable xsqlTable, ImmutableIntList columns, List<Predicate> filters, OptionalLong limit,
      Optional<SortOrder> limitOrder, Optional<ScanGroups> groups) {
    super(cluster, traits, ImmutableList.copyOf(hints), table);
    this.xsqlTable = xsqlTable;
    this.columns = columns;
    this.filters = List.copyOf(filters);
    this.limit = limit;
    this.limitOrder = limitOrder;
    this.groups = groups;
  }

  /**
   * A logical scan of all columns, no filters. Scans are born logical ({@link Convention#NONE}) so that
   * the pushdown rules meet them in the same subsets as the logical operators above them;
   * {@link XsqlToEnumerableRule} makes the {@link XsqlEnumerableScan} that runs.
   *
   * @param hints the table reference's hints: {@link JoinHints#ALIAS}, which every form of the scan keeps
   */
  static XsqlTableScan create(RelOptCluster cluster, RelOptTable table, XsqlTable xsqlTable, List<RelHint> hints) {
    return logical(cluster, hints, table, xsqlTable, ImmutableIntList.identity(xsqlTable.table().columns().size()),
        List.of(), OptionalLong.empty(), Optional.empty(), Optional.empty());
  }

  private static XsqlTableScan logical(RelOptCluster cluster, List<RelHint> hints, RelOptTable table,
      XsqlTable xsqlTable, ImmutableIntList columns, List<Predicate> filters, OptionalLong limit,
      Optional<SortOrder> limitOrder, Optional<ScanGroups> groups) {
    return new XsqlTableScan(cluster, traits(cluster, Convention.NONE, xsqlTable, columns, groups), hints, table,
        xsqlTable, columns, filters, limit, limitOrder, groups);
  }

  /** The traits of a scan: its convention and the collation its columns (or groups) keep. */
  static RelTraitSet traits(RelOptCluster cluster, Convention convention, XsqlTable table,
      ImmutableIntList columns, Optional<ScanGroups> groups) {
    return cluster.traitSetOf(convention).replace(collation(table.table(), columns, groups));
  }

  /** The same scan producing other table columns. */
  XsqlTableScan withColumns(ImmutableIntList newColumns) {
    return logical(getCluster(), getHints(), getTable(), xsqlTable, newColumns, filters, limit, limitOrder, groups);
  }

  /** The same scan with more filters for the table to evaluate. */
  XsqlTableScan withFilters(List<Predicate> more) {
    List<Predicate> all = new ArrayList<>(filters);
    all.addAll(more);
    return logical(getCluster(), getHints(), getTable(), xsqlTable, columns, all, limit, limitOrder, groups);
  }

  /** The same scan, allowed to stop after {@code rows} rows: the first in {@code order}, if given. */
  XsqlTableScan withLimit(long rows, Optional<SortOrder> order) {
    return logical(getCluster(), getHints(), getTable(), xsqlTable, columns, filters, OptionalLong.of(rows), order, groups);
  }

  /** The same scan of another table with the same columns (a stream table's stream). */
  XsqlTableScan over(RelOptTable newTable, XsqlTable newXsqlTable) {
    return logical(getCluster(), getHints(), newTable, newXsqlTable, columns, filters, limit, limitOrder, groups);
  }

  /** The same scan returning the groups the table computes instead of rows. */
  XsqlTableScan withGroups(ScanGroups newGroups) {
    return logical(getCluster(), getHints(), getTable(), xsqlTable, ImmutableIntList.of(), filters, limit, limitOrder,
        Optional.of(newGroups));
  }

  /** The alias a join hint names this scan by in a self join ({@link JoinHints#ALIAS}). */
  Optional<String> alias() {
    return getHints().stream().filter(h -> h.hintName.equals(JoinHints.ALIAS) && h.listOptions.size() == 1)
        .map(h -> h.listOptions.get(0)).findFirst();
  }

  /** Whether this is a logical scan of rows, which the pushdown rules work on. */
  boolean isLogical() {
    return getConvention() == Convention.NONE && groups.isEmpty();
  }

  DataTable dataTable() {
    return xsqlTable.table();
  }

  /**
   * The table's sort keys that survive the projection, as output positions; of a scan returning groups, the
   * sort keys among the group columns when the table returns its groups in order, else none.
   */
  static List<RelFieldCollation> sortedPrefix(DataTable table, ImmutableIntList columns,
      Optional<ScanGroups> groups) {
    if (groups.isPresent() && !table.groupsInOrder(groups.get().aggregation())) {
      return List.of();
    }
    // A group row starts with the group columns.
    List<Integer> output = groups.<List<Integer>>map(g -> g.aggregation().groupBy()).orElse(columns);
    List<RelFieldCollation> fields = new ArrayList<>();
    List<SortOrder.Key> keys = table.sortOrder().map(SortOrder::keys).orElse(List.of());
    for (SortOrder.Key key : keys) {
      int position = output.indexOf(key.column());
      if (position < 0) {
        break;
      }
      fields.add(new RelFieldCollation(position, key.descending()
          ? RelFieldCollation.Direction.DESCENDING : RelFieldCollation.Direction.ASCENDING,
          key.nullsFirst() ? RelFieldCollation.NullDirection.FIRST : RelFieldCollation.NullDirection.LAST));
    }
    return fields;
  }

  private static RelCollation collation(DataTable table, ImmutableIntList columns, Optional<ScanGroups> groups) {
    List<RelFieldCollation> prefix = sortedPrefix(table, columns, groups);
    return prefix.isEmpty() ? RelCollations.EMPTY : RelCollations.of(prefix);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return this;
  }

  @Override
  public RelDataType deriveRowType() {
    if (groups.isPresent()) {
      return groups.get().rowType();
    }
    List<Column> all = dataTable().columns();
    RelDataType full = xsqlTable.getRowType(getCluster().getTypeFactory());
    RelDataTypeFactory.Builder b = getCluster().getTypeFactory().builder();
    for (int c : columns) {
      b.add(full.getFieldList().get(c));
    }
    assert all.size() == full.getFieldCount();
    return b.build();
  }

  @Override
  public void register(RelOptPlanner planner) {
    XsqlRules.RULES.forEach(planner::addRule);
    planner.addRule(XsqlRules.STREAM_SCAN);
    planner.addRule(XsqlRules.DELTA);
    planner.addRule(XsqlRules.STREAM_WINDOW);
    planner.addRule(XsqlRules.STREAM_WINDOW_AGGREGATE);
    planner.addRule(XsqlRules.TO_ENUMERABLE);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    List<Column> all = dataTable().columns();
    String describe = dataTable().describe(new ScanRequest(columns, filters, limit, limitOrder,
        groups.map(ScanGroups::aggregation), ScanContext.detached()));
    // The order the scan delivers (and checks), which sorted aggregates, windows and merge joins rely on.
    List<Integer> output = groups.<List<Integer>>map(g -> g.aggregation().groupBy()).orElse(columns);
    List<RelFieldCollation> sorted = sortedPrefix(dataTable(), columns, groups);
    return super.explainTerms(pw)
        .itemIf("alias", alias().orElse(""), alias().isPresent())
        .item("columns", columns.stream().map(c -> all.get(c).name()).collect(Collectors.toList()))
        .itemIf("sortedBy", sorted.stream().map(f -> all.get(output.get(f.getFieldIndex())).name()
            + (f.direction.isDescending() ? " DESC" : "")).toList(), !sorted.isEmpty())
        .itemIf("filters", filters.stream().map(f -> ScanFilters.explain(f, all))
            .collect(Collectors.joining(" AND ")), !filters.isEmpty())
        .itemIf("groupBy", groups.map(g -> g.aggregation().groupBy().stream().map(c -> all.get(c).name())
            .toList()).orElse(List.of()), groups.isPresent())
        .itemIf("aggregates", groups.map(g -> g.aggregation().calls().stream().map(c -> c.function() + "("
            + (c.column().isPresent() ? all.get(c.column().getAsInt()).name() : "*") + ")").toList())
            .orElse(List.of()), groups.isPresent())
        .itemIf("limit", limit.orElse(0), limit.isPresent())
        .itemIf("limitOrder", limitOrder.map(o -> o.keys().stream().map(k -> all.get(k.column()).name()
            + (k.descending() ? " DESC" : "") + (k.nullsFirst() ? " NULLS FIRST" : " NULLS LAST"))
            .collect(Collectors.joining(", "))).orElse(""), limitOrder.isPresent())
        .itemIf("source", describe, !describe.isEmpty());
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    double rows = table.getRowCount();
    for (Predicate f : filters) {
      rows *= selectivity(f);
    }
    if (groups.isPresent()) {
      // Calcite's guess for an Aggregate's groups, or one row without group columns.
      return groups.get().aggregation().groupBy().isEmpty() ? 1 : Math.max(rows * 0.1, 1);
    }
    return Math.max(Math.min(rows, limit.orElse(Long.MAX_VALUE)), 1);
  }

  /**
   * The share of rows a pushed filter keeps: for an equality or an IN list, its values' share of the
   * column's distinct values when the source estimates them, else Calcite's guess for an equality (15%);
   * half for other filters.
   */
  private double selectivity(Predicate filter) {
    if (filter instanceof Predicate.Compare c && c.op() == FilterOp.EQ) {
      return share(c.column(), 1).orElse(0.15);
    }
    if (filter instanceof Predicate.In in) {
      return share(in.column(), in.values().size()).orElse(0.5);
    }
    return 0.5;
  }

  private Optional<Double> share(int column, int values) {
    OptionalLong distinct = dataTable().distinctValues(column);
    return distinct.isPresent() && distinct.getAsLong() > 0
        ? Optional.of(Math.min(1, values / (double) distinct.getAsLong())) : Optional.empty();
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // Reading costs per table row, converting per returned column, and each pushed filter saves a
    // little. Volcano compares costs by their row-count component only, so the work goes there.
    double width = (columns.size() + 2.0) / (dataTable().columns().size() + 2.0);
    double read = Math.min(table.getRowCount(), limit.orElse(Long.MAX_VALUE));
    double work = read * width * Math.pow(0.9, filters.size());
    if (groups.isPresent()) {
      // The source aggregates as it reads: cheaper than returning the rows for the engine to aggregate.
      work *= 0.5;
    }
    return planner.getCostFactory().makeCost(work, work, 0);
  }
}
