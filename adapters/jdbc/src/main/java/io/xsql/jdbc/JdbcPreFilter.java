package io.xsql.jdbc;

import java.util.List;
import org.apache.calcite.adapter.jdbc.JdbcImplementor;
import org.apache.calcite.adapter.jdbc.JdbcRel;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.rel2sql.SqlImplementor;
import org.apache.calcite.rex.RexNode;

/**
 * A filter the database applies that keeps at least the rows xsql's filter above it keeps, and maybe more
 * ({@link JdbcPreFilterRule}). Written into the SQL as a WHERE ({@link JdbcSqlForm}), but no {@code Filter}
 * to the planner: the planner would take its condition for true of every row it passes
 * and drop xsql's exact check above it as redundant.
 */
final class JdbcPreFilter extends SingleRel implements JdbcRel {
  private final RexNode condition;

  JdbcPreFilter(RelOptCluster cluster, RelTraitSet traits, RelNode input, RexNode condition) {
    super(cluster, traits, input);
    this.condition = condition;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new JdbcPreFilter(getCluster(), traitSet, sole(inputs), condition);
  }

  /** The condition the database applies. */
  RexNode condition() {
    return condition;
  }

  /** Never called: the SQL is written from {@link JdbcSqlForm}, where this node is a filter. */
  @Override
  public SqlImplementor.Result implement(JdbcImplementor implementor) {
    throw new UnsupportedOperationException("a pre-filter's SQL is written from JdbcSqlForm");
  }

  /** As many rows as the condition would keep if it were exact (the database keeps at least those). */
  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    Double selectivity = mq.getSelectivity(getInput(), condition);
    return mq.getRowCount(getInput()) * (selectivity == null ? 1.0 : selectivity);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return planner.getCostFactory().makeCost(estimateRowCount(mq), mq.getRowCount(getInput()), 0);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("preFilter", condition);
  }
}
