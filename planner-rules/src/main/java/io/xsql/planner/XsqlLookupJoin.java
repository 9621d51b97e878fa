package io.xsql.planner;

import io.xsql.spi.Column;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.function.Predicate2;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;

/**
 * A lookup (dependent) join: streams its one input, the outer side, and fetches the inner side's rows by
 * batches of distinct keys ({@link LookupJoinPlan}). The inner side is not an input: it is read only
 * through its {@link io.xsql.spi.KeyLookup}, by key, or whole by an adaptive join that switched (EXPLAIN
 * shows {@code adaptive=[scan after N keys]}). With {@link JoinStrategy#MMAP} the lookup reads a file
 * through its key index.
 */
public final class XsqlLookupJoin extends SingleRel implements EnumerableRel {
  private static final Method JOIN =
      Types.lookupMethod(LookupJoinPlan.class, "join", Enumerable.class, DataContext.class);
  private static final Method JOIN_RESIDUAL =
      Types.lookupMethod(LookupJoinPlan.class, "join", Enumerable.class, DataContext.class, Predicate2.class);

  private final LookupJoinPlan plan;
  private final JoinStrategy strategy;
  private final RelDataType joinRowType;
  private final double innerRows;
  /** The estimate of the join this operator runs, as the planner made it for the join's inputs. */
  private final double joinRows;
  /** The inner side's row type, and the join's conditions besides its keys over outer then inner fields. */
  private final Optional<Residual> residual;

  /**
   * Conditions a lookup join checks on each pair of rows with equal keys.
   *
   * @param innerType the inner rows' type
   * @param condition over the outer row's fields followed by the inner row's
   */
  record Residual(RelDataType innerType, RexNode condition) {}

  XsqlLookupJoin(RelNode outer, RelDataType rowType, LookupJoinPlan plan, JoinStrategy strategy,
      double innerRows, double joinRows, Optional<Residual> residual) {
    super(outer.getCluster(), keepsOrder(plan) ? outer.getTraitSet().replace(EnumerableConvention.INSTANCE)
        : outer.getTraitSet().replace(EnumerableConvention.INSTANCE).replace(RelCollations.EMPTY), outer);
    this.plan = plan;
    this.strategy = strategy;
    this.joinRowType = rowType;
    this.innerRows = innerRows;
    this.joinRows = joinRows;
    this.residual = residual;
  }

  /**
   * Whether the rows come in the outer side's order: batch after batch they do, unless an adaptive join
   * switches to hashing the few outer rows left and probing them with the inner side's rows.
   */
  private static boolean keepsOrder(LookupJoinPlan plan) {
    return plan.adaptive().map(LookupJoinPlan.Adaptive::keepsOrder).orElse(true);
  }

  /** The outer side's orders, when the rows keep them. */
  List<RelCollation> outputOrders(RelMetadataQuery mq) {
    List<RelCollation> outer = mq.collations(getInput());
    return keepsOrder(plan) && outer != null ? outer : List.of();
  }

  @Override
  protected RelDataType deriveRowType() {
    return joinRowType;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new XsqlLookupJoin(sole(inputs), joinRowType, plan, strategy, innerRows, joinRows, residual);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder block = new BlockBuilder();
    Expression outer = JoinCode.arrays(implementor, block, this, 0, getInput());
    Expression stashed = implementor.stash(plan, LookupJoinPlan.class);
    return JoinCode.result(implementor, block, this, residual.isEmpty()
        ? Expressions.call(stashed, JOIN, outer, DataContext.ROOT)
        : Expressions.call(stashed, JOIN_RESIDUAL, outer, DataContext.ROOT, JoinCode.residual(implementor,
            getInput().getRowType(), residual.get().innerType(), residual.get().condition(),
            getCluster().getRexBuilder())));
  }

  /**
   * The join's own estimate (a left join's at least its outer rows): taken as the outer side's rows, a
   * lookup by a key that is not unique (TPC-H Q3's orders by customer, 22,000 estimated where 150,000 came
   * at SF 1) looked small enough for the next lookup to take in one statement.
   */
  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    double outer = mq.getRowCount(getInput());
    return switch (plan.type()) {
      case SEMI, ANTI -> outer / 2;
      case LEFT -> Math.max(outer, joinRows);
      default -> joinRows;
    };
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // One request per batch plus the rows fetched, far below reading the whole inner side.
    double outer = mq.getRowCount(getInput());
    double work = outer + Math.ceil(outer / plan.batchSize()) * 100 + Math.min(outer, innerRows);
    return planner.getCostFactory().makeCost(work, work, 0);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    List<Column> columns = plan.inner().tableColumns();
    String request = plan.inner().lookup().describe(plan.inner().keyColumns());
    return super.explainTerms(pw)
        .item("strategy", strategy)
        .item("joinType", plan.type().lowerName)
        .item("inner", plan.inner().name())
        .item("keys", plan.inner().keyColumns().stream().map(c -> columns.get(c).name())
            .collect(Collectors.toList()))
        .item("batch", plan.batchSize())
        .itemIf("maxDelay", plan.maxDelay().map(d -> d.toMillis() + "ms").orElse(""), plan.maxDelay().isPresent())
        .itemIf("firstMatch", true, plan.firstMatch())
        .itemIf("residual", residual.map(Residual::condition).orElse(null), residual.isPresent())
        .itemIf(strategy == JoinStrategy.MMAP ? "index" : "request", request, !request.isEmpty())
        .itemIf("adaptive", plan.adaptive().map(a -> "scan after " + a.afterKeys() + " keys").orElse(""),
            plan.adaptive().isPresent());
  }
}
