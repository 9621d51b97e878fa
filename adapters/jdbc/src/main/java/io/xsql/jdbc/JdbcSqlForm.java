package io.xsql.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.adapter.jdbc.JdbcImplementor;
import org.apache.calcite.adapter.jdbc.JdbcRel;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * The form of a database subtree its SQL is written from. Semi- and anti-joins become what Calcite writes
 * right: a filter {@code [NOT] EXISTS (SELECT ... FROM right WHERE cond)} whose condition reads the left
 * side through a correlation variable, which Calcite qualifies with the left side's alias. Written as
 * joins, Calcite names the left side's columns unqualified inside the {@code EXISTS}, where a right-side
 * column of the same name captures them ({@code l1.l_orderkey = l2.l_orderkey} read as
 * {@code l2.l_orderkey = l2.l_orderkey}), and repeats an alias when semi-joins nest. A
 * {@link JdbcPreFilter} becomes the filter it is in SQL. The plan keeps its nodes; only the SQL comes from
 * this form.
 */
final class JdbcSqlForm {
  private JdbcSqlForm() {}

  /**
   * The subtree with each semi- or anti-join as a filter on EXISTS and each pre-filter as a filter; the
   * subtree itself when it has neither.
   */
  static RelNode rewrite(RelNode rel) {
    List<RelNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (RelNode input : rel.getInputs()) {
      RelNode r = rewrite(input.stripped());
      inputs.add(r);
      changed |= r != input;
    }
    if (rel instanceof Join join && (join.getJoinType() == JoinRelType.SEMI
        || join.getJoinType() == JoinRelType.ANTI)) {
      return exists(join, inputs.get(0), inputs.get(1));
    }
    if (rel instanceof JdbcPreFilter pre) {
      return new JdbcRules.JdbcFilter(pre.getCluster(), pre.getTraitSet(), inputs.get(0), pre.condition());
    }
    return changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
  }

  private static RelNode exists(Join join, RelNode left, RelNode right) {
    RelOptCluster cluster = join.getCluster();
    RexBuilder rex = cluster.getRexBuilder();
    CorrelationId id = cluster.createCorrel();
    RexNode outer = rex.makeCorrel(left.getRowType(), id);
    int leftCount = left.getRowType().getFieldCount();
    RexNode condition = join.getCondition().accept(new RexShuttle() {
      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        return ref.getIndex() < leftCount ? rex.makeFieldAccess(outer, ref.getIndex())
            : new RexInputRef(ref.getIndex() - leftCount, ref.getType());
      }
    });
    RelNode inner = new JdbcRules.JdbcFilter(cluster, right.getTraitSet(), right, condition);
    RexNode exists = RexSubQuery.exists(inner);
    RexNode test = join.getJoinType() == JoinRelType.ANTI ? rex.makeCall(SqlStdOperatorTable.NOT, exists) : exists;
    return new ExistsFilter(cluster, left.getTraitSet(), left, test, Set.of(id));
  }

  /** A filter that sets a correlation variable, which Calcite's JDBC filter cannot. */
  private static final class ExistsFilter extends Filter implements JdbcRel {
    private final Set<CorrelationId> variables;

    ExistsFilter(RelOptCluster cluster, RelTraitSet traits, RelNode input, RexNode condition,
        Set<CorrelationId> variables) {
      super(cluster, traits, input, condition);
      this.variables = variables;
    }

    @Override
    public Filter copy(RelTraitSet traitSet, RelNode input, RexNode condition) {
      return new ExistsFilter(getCluster(), traitSet, input, condition, variables);
    }

    @Override
    public Set<CorrelationId> getVariablesSet() {
      return variables;
    }

    @Override
    public JdbcImplementor.Result implement(JdbcImplementor implementor) {
      return implementor.implement(this);
    }
  }
}
