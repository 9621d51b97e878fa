package io.xsql.planner;

import io.xsql.spi.Column;
import java.lang.reflect.Method;
import java.util.ArrayList;
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
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;

/**
 * A lookup (dependent) join: streams its first input, the outer side, and fetches the inner side's rows by
 * batches of distinct keys ({@link LookupJoinPlan}) through its {@link io.xsql.spi.KeyLookup}. With {@link
 * JoinStrategy#MMAP} the lookup reads a file through its key index. An adaptive join has the inner side as
 * its second input, read only if the outer side turns out too large to look up ({@link
 * LookupJoinPlan.Adaptive}); otherwise the inner side is not an input and is never scanned.
 */
public final class XsqlLookupJoin extends AbstractRelNode implements EnumerableRel {
  private static final Method JOIN =
      Types.lookupMethod(LookupJoinPlan.class, "join", Enumerable.class, DataContext.class);
  private static final Method JOIN_RESIDUAL =
      Types.lookupMethod(LookupJoinPlan.class, "join", Enumerable.class, DataContext.class, Predicate2.class);
  private static final Method JOIN_SCAN = Types.lookupMethod(LookupJoinPlan.class, "join", Enumerable.class,
      Enumerable.class, DataContext.class);
  private static final Method JOIN_SCAN_RESIDUAL = Types.lookupMethod(LookupJoinPlan.class, "join",
      Enumerable.class, Enumerable.class, DataContext.class, Predicate2.class);

  private RelNode outer;
  /** The inner side's own plan, for an adaptive join. */
  private Optional<RelNode> scan;
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

  /**
   * A lookup join.
   *
   * @param scan the inner side, for a plan that is {@link LookupJoinPlan#adaptive()} (and only for one)
   */
  XsqlLookupJoin(RelNode outer, Optional<RelNode> scan, RelDataType rowType, LookupJoinPlan plan,
      JoinStrategy strategy, double innerRows, double joinRows, Optional<Residual> residual) {
    super(outer.getCluster(), outer.getCluster().traitSetOf(EnumerableConvention.INSTANCE));
    if (scan.isPresent() != plan.adaptive().isPresent()) {
      throw new IllegalArgumentException("an adaptive lookup join has the inner side as an input, and only it");
    }
    this.outer = outer;
    this.scan = scan;
    this.plan = plan;
    this.strategy = strategy;
    this.joinRowType = rowType;
    this.innerRows = innerRows;
    this.joinRows = joinRows;
    this.residual = residual;
  }

  @Override
  protected RelDataType deriveRowType() {
    return joinRowType;
  }

  @Override
  public List<RelNode> getInputs() {
    List<RelNode> inputs = new ArrayList<>(2);
    inputs.add(outer);
    scan.ifPresent(inputs::add);
    return inputs;
  }

  @Override
  public void replaceInput(int ordinalInParent, RelNode p) {
    if (ordinalInParent == 0) {
      outer = p;
    } else if (ordinalInParent == 1 && scan.isPresent()) {
      scan = Optional.of(p);
    } else {
      throw new IndexOutOfBoundsException("input " + ordinalInParent + " of a lookup join");
    }
    recomputeDigest();
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new XsqlLookupJoin(inputs.get(0), inputs.size() > 1 ? Optional.of(inputs.get(1)) : Optional.empty(),
        joinRowType, plan, strategy, innerRows, joinRows, residual);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder block = new BlockBuilder();
    List<Expression> arguments = new ArrayList<>();
    arguments.add(JoinCode.arrays(implementor, block, this, 0, outer));
    if (scan.isPresent()) {
      arguments.add(JoinCode.arrays(implementor, block, this, 1, scan.get()));
    }
    arguments.add(DataContext.ROOT);
    residual.ifPresent(r -> arguments.add(JoinCode.residual(implementor, outer.getRowType(), r.innerType(),
        r.condition(), getCluster().getRexBuilder())));
    Method method = scan.isPresent() ? residual.isPresent() ? JOIN_SCAN_RESIDUAL : JOIN_SCAN
        : residual.isPresent() ? JOIN_RESIDUAL : JOIN;
    return JoinCode.result(implementor, block, this, Expressions.call(implementor.stash(plan, LookupJoinPlan.class),
        method, arguments));
  }

  /**
   * The join's own estimate (a left join's at least its outer rows): taken as the outer side's rows, a
   * lookup by a key that is not unique (TPC-H Q3's orders by customer, 22,000 estimated where 150,000 came
   * at SF 1) looked small enough for the next lookup to take in one statement.
   */
  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    double outerRows = mq.getRowCount(outer);
    return switch (plan.type()) {
      case SEMI, ANTI -> outerRows / 2;
      case LEFT -> Math.max(outerRows, joinRows);
      default -> joinRows;
    };
  }

  /**
   * One request per batch plus the rows fetched, far below reading the whole inner side; an adaptive join's
   * scan is not counted, as it runs only when the estimate was wrong.
   */
  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double outerRows = mq.getRowCount(outer);
    double work = outerRows + Math.ceil(outerRows / plan.batchSize()) * 100 + Math.min(outerRows, innerRows);
    return planner.getCostFactory().makeCost(work, work, 0);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    List<Column> columns = plan.inner().tableColumns();
    String request = plan.inner().lookup().describe(plan.inner().keyColumns());
    RelWriter inputs = super.explainTerms(pw).input("input", outer);
    if (scan.isPresent()) {
      inputs = inputs.input("scan", scan.get());
    }
    return inputs
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
