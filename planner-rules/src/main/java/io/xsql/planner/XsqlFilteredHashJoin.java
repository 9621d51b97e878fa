package io.xsql.planner;

import io.xsql.spi.Column;
import io.xsql.spi.KeyedRows;
import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.BiRel;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

/**
 * An inner or semi hash join whose probe side can be fetched by key: once the build side is hashed, its distinct
 * keys, when few enough, go to the probe side as a filter (a dynamic filter), and only the rows with
 * those keys are read ({@link FilteredHashJoinPlan}). The probe side is an input too, read whole when the
 * build side holds more keys.
 */
public final class XsqlFilteredHashJoin extends BiRel implements EnumerableRel {
  private static final Method JOIN = Types.lookupMethod(FilteredHashJoinPlan.class, "join", Enumerable.class,
      Enumerable.class, DataContext.class);

  private final FilteredHashJoinPlan plan;
  private final RelDataType joinRowType;
  private final double rows;

  XsqlFilteredHashJoin(RelNode left, RelNode right, RelDataType rowType, FilteredHashJoinPlan plan,
      double rows) {
    super(left.getCluster(), left.getCluster().traitSetOf(EnumerableConvention.INSTANCE), left, right);
    this.plan = plan;
    this.joinRowType = rowType;
    this.rows = rows;
  }

  @Override
  protected RelDataType deriveRowType() {
    return joinRowType;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new XsqlFilteredHashJoin(inputs.get(0), inputs.get(1), joinRowType, plan, rows);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    return JoinCode.twoInputs(implementor, this, implementor.stash(plan, FilteredHashJoinPlan.class), JOIN,
        DataContext.ROOT);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return rows;
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double work = mq.getRowCount(getLeft()) + mq.getRowCount(getRight());
    return planner.getCostFactory().makeCost(work, work, 0);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    // Several filters: one of them, the one keeping the fewest rows by the build side's keys, is taken.
    List<KeyedRows> probes = plan.filters().stream().map(FilteredHashJoinPlan.DynamicFilter::probe).toList();
    List<Column> columns = probes.get(0).tableColumns();
    String request = probes.stream().map(p -> p.lookup().describe(p.keyColumns())).filter(r -> !r.isEmpty())
        .collect(Collectors.joining(" | "));
    return super.explainTerms(pw)
        .item("strategy", JoinStrategy.HASH)
        .item("joinType", plan.joinType().lowerName)
        .item("build", plan.buildLeft() ? "left" : "right")
        .item("dynamicFilter", probes.get(0).name())
        .item("keys", probes.size() == 1 ? names(probes.get(0), columns)
            : probes.stream().map(p -> names(p, columns)).toList())
        .item("maxKeys", plan.maxKeys())
        .item("batch", plan.batchSize())
        .itemIf("request", request, !request.isEmpty());
  }

  private static List<String> names(KeyedRows probe, List<Column> columns) {
    return probe.keyColumns().stream().map(c -> columns.get(c).name()).toList();
  }
}
