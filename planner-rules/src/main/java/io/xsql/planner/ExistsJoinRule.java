package io.xsql.planner;

import io.xsql.spi.XsqlRuleConfig;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

/**
 * Turns a correlated {@code [NOT] EXISTS (SELECT ... FROM s WHERE cond)} in a WHERE clause into a semi-
 * (anti-) join on {@code cond}, placed right above the input of the inner joins below the filter that holds
 * every column the condition reads of the outer query. Calcite's decorrelation instead joins {@code s} with the outer
 * query's distinct correlated values, and with a condition other than equality ({@code l2.l_suppkey <>
 * l1.l_suppkey}, TPC-H Q21) it joins the whole outer query again for those values. Placed on one input,
 * the semi-join of two tables of one database runs there, as its own {@code EXISTS}.
 *
 * <p>Through inner joins only: a row of the filter's input holds one row of each of their inputs, so
 * keeping it by a condition on one input's row keeps the same rows as keeping that row first.
 */
public final class ExistsJoinRule extends RelRule<XsqlRuleConfig> {

  static final XsqlRuleConfig CONFIG = XsqlRuleConfig.of("ExistsJoinRule",
      b -> b.operand(Filter.class).predicate(f -> !f.getVariablesSet().isEmpty()
          && RexUtil.SubQueryFinder.find(f.getCondition()) != null).anyInputs(), ExistsJoinRule::new);

  ExistsJoinRule(XsqlRuleConfig config) {
    super(config);
  }

  /** One {@code [NOT] EXISTS} conjunct that can become a join: its subquery's input and condition. */
  private record Exists(CorrelationId id, RelNode input, RexNode condition, boolean negated) {}

  @Override
  public void onMatch(RelOptRuleCall call) {
    Filter filter = call.rel(0);
    List<RexNode> conjuncts = RelOptUtil.conjunctions(filter.getCondition());
    RexBuilder rex = call.builder().getRexBuilder();
    for (RexNode conjunct : conjuncts) {
      Optional<RelNode> joined = exists(conjunct, filter)
          .flatMap(e -> place(filter.getInput().stripped(), 0, outerFields(e), e, rex));
      if (joined.isPresent()) {
        List<RexNode> rest = new ArrayList<>(conjuncts);
        rest.remove(conjunct);
        call.transformTo(rest.isEmpty() ? joined.get()
            : filter.copy(filter.getTraitSet(), joined.get(), RexUtil.composeConjunction(rex, rest)));
        return;
      }
    }
  }

  /** The conjunct as an EXISTS this rule rewrites: an uncorrelated input under a correlated filter. */
  private static Optional<Exists> exists(RexNode conjunct, Filter filter) {
    boolean negated = conjunct.getKind() == SqlKind.NOT;
    RexNode e = negated ? ((RexCall) conjunct).getOperands().get(0) : conjunct;
    if (e.getKind() != SqlKind.EXISTS || !(e instanceof RexSubQuery sub)) {
      return Optional.empty();
    }
    RelNode rel = sub.rel.stripped();
    // EXISTS ignores what the subquery selects.
    while (rel instanceof Project p && RelOptUtil.getVariablesUsed(p).isEmpty()
        && !RexUtil.SubQueryFinder.containsSubQuery(p)) {
      rel = p.getInput().stripped();
    }
    if (!(rel instanceof Filter where) || !RelOptUtil.getVariablesUsed(where.getInput()).isEmpty()
        || RexUtil.SubQueryFinder.find(where.getCondition()) != null) {
      return Optional.empty();
    }
    List<CorrelationId> ids = List.copyOf(RelOptUtil.getVariablesUsed(where));
    if (ids.size() != 1 || !filter.getVariablesSet().contains(ids.get(0))) {
      return Optional.empty();
    }
    return Optional.of(new Exists(ids.get(0), where.getInput(), where.getCondition(), negated));
  }

  /** The fields of the filter's input that the subquery's condition reads. */
  private static BitSet outerFields(Exists exists) {
    BitSet fields = new BitSet();
    exists.condition().accept(new RexShuttle() {
      @Override
      public RexNode visitFieldAccess(RexFieldAccess access) {
        if (access.getReferenceExpr() instanceof RexCorrelVariable v && v.id.equals(exists.id())) {
          fields.set(access.getField().getIndex());
        }
        return super.visitFieldAccess(access);
      }
    });
    return fields;
  }

  /**
   * {@code rel}, whose fields start at {@code offset} in the filter's input, with the semi-join placed on
   * the deepest input of its inner joins that holds all the {@code outer} fields; empty when the condition
   * reads the outer query in a way other than by its fields.
   */
  private static Optional<RelNode> place(RelNode rel, int offset, BitSet outer, Exists exists, RexBuilder rex) {
    if (rel instanceof Join join && join.getJoinType() == JoinRelType.INNER && !outer.isEmpty()) {
      int rightStart = offset + join.getLeft().getRowType().getFieldCount();
      boolean inLeft = outer.length() <= rightStart;
      if (inLeft || outer.nextSetBit(0) >= rightStart) {
        RelNode side = inLeft ? join.getLeft() : join.getRight();
        return place(side.stripped(), inLeft ? offset : rightStart, outer, exists, rex).map(p -> join.copy(
            join.getTraitSet(), join.getCondition(), inLeft ? p : join.getLeft(), inLeft ? join.getRight() : p,
            join.getJoinType(), join.isSemiJoinDone()));
      }
    }
    int width = rel.getRowType().getFieldCount();
    RexNode condition = exists.condition().accept(new RexShuttle() {
      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        return new RexInputRef(ref.getIndex() + width, ref.getType());
      }

      @Override
      public RexNode visitFieldAccess(RexFieldAccess access) {
        if (access.getReferenceExpr() instanceof RexCorrelVariable v && v.id.equals(exists.id())) {
          return rex.makeInputRef(rel, access.getField().getIndex() - offset);
        }
        return super.visitFieldAccess(access);
      }
    });
    if (RexUtil.containsCorrelation(condition)) {
      return Optional.empty();
    }
    return Optional.of(LogicalJoin.create(rel, exists.input(), List.of(), condition, Set.of(),
        exists.negated() ? JoinRelType.ANTI : JoinRelType.SEMI));
  }
}
