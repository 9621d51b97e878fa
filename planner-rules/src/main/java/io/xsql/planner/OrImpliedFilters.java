package io.xsql.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.plan.RelOptPredicateList;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexSimplify;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.Program;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Adds to a filter over inner joins, for each OR in it and each input of the joins, the OR of what every
 * branch requires of that input alone, when every branch requires something of it: TPC-H Q7's
 * {@code (n1.n_name = 'FRANCE' AND n2.n_name = 'GERMANY') OR (n1.n_name = 'GERMANY' AND n2.n_name = 'FRANCE')}
 * implies {@code n1.n_name IN ('FRANCE', 'GERMANY')} and the same of n2, which then filter those inputs
 * where they are read. For each field every branch restricts, it also adds the OR of those restrictions
 * alone: TPC-H Q19's three branches on part's brand, container and size imply {@code p_brand IN (3
 * brands)}, {@code p_container IN (12 containers)} and {@code p_size BETWEEN 1 AND 15}, which a source takes
 * where it cannot take an OR of ANDs (MongoDB returned all 200,000 parts at SF 1). The OR itself stays.
 * One pass before the join order phase, so that the added conditions, once pushed down, are never added
 * again.
 */
final class OrImpliedFilters {
  private OrImpliedFilters() {}

  /** The pass as a program. */
  static Program program() {
    return (planner, rel, traits, materializations, lattices) -> rel.accept(new RelShuttleImpl() {
      @Override
      public RelNode visit(LogicalFilter filter) {
        RelNode visited = super.visit(filter);
        return visited instanceof LogicalFilter f ? withImplied(f) : visited;
      }
    });
  }

  private static RelNode withImplied(LogicalFilter filter) {
    List<ImmutableBitSet> inputs = new ArrayList<>();
    leaves(filter.getInput(), 0, inputs);
    if (inputs.size() < 2) {
      // One input: the OR already reads it alone; only the fields' own ORs are new.
      inputs.clear();
    }
    RexBuilder rex = filter.getCluster().getRexBuilder();
    RexSimplify simplify = new RexSimplify(rex, RelOptPredicateList.EMPTY, RexUtil.EXECUTOR);
    List<RexNode> conjuncts = new ArrayList<>(RelOptUtil.conjunctions(filter.getCondition()));
    List<RexNode> implied = new ArrayList<>();
    for (RexNode c : conjuncts) {
      if (c.getKind() == SqlKind.OR) {
        for (ImmutableBitSet input : inputs) {
          implied(rex, c, input).filter(i -> !conjuncts.contains(i) && !implied.contains(i)).ifPresent(implied::add);
        }
        for (int field : fieldsInEveryBranch(c)) {
          implied(rex, c, ImmutableBitSet.of(field)).map(simplify::simplifyUnknownAsFalse)
              .filter(i -> !conjuncts.contains(i) && !implied.contains(i)).ifPresent(implied::add);
        }
      }
    }
    if (implied.isEmpty()) {
      return filter;
    }
    conjuncts.addAll(implied);
    return filter.copy(filter.getTraitSet(), filter.getInput(), RexUtil.composeConjunction(rex, conjuncts));
  }

  /** The field ranges of the inputs of a tree of inner joins. */
  private static void leaves(RelNode rel, int offset, List<ImmutableBitSet> out) {
    if (rel instanceof Join join && join.getJoinType() == JoinRelType.INNER) {
      leaves(join.getLeft(), offset, out);
      leaves(join.getRight(), offset + join.getLeft().getRowType().getFieldCount(), out);
    } else {
      out.add(ImmutableBitSet.range(offset, offset + rel.getRowType().getFieldCount()));
    }
  }

  /** The fields that some condition of every branch of an OR reads alone. */
  private static ImmutableBitSet fieldsInEveryBranch(RexNode or) {
    ImmutableBitSet common = null;
    for (RexNode branch : RelOptUtil.disjunctions(or)) {
      ImmutableBitSet.Builder alone = ImmutableBitSet.builder();
      for (RexNode c : RelOptUtil.conjunctions(branch)) {
        ImmutableBitSet reads = RelOptUtil.InputFinder.bits(c);
        if (reads.cardinality() == 1) {
          alone.addAll(reads);
        }
      }
      common = common == null ? alone.build() : common.intersect(alone.build());
    }
    return common == null ? ImmutableBitSet.of() : common;
  }

  private static Optional<RexNode> implied(RexBuilder rex, RexNode or, ImmutableBitSet input) {
    List<RexNode> branches = new ArrayList<>();
    for (RexNode branch : RelOptUtil.disjunctions(or)) {
      List<RexNode> own = new ArrayList<>();
      for (RexNode c : RelOptUtil.conjunctions(branch)) {
        ImmutableBitSet reads = RelOptUtil.InputFinder.bits(c);
        if (!reads.isEmpty() && input.contains(reads)) {
          own.add(c);
        }
      }
      if (own.isEmpty()) {
        return Optional.empty();
      }
      branches.add(RexUtil.composeConjunction(rex, own));
    }
    return Optional.of(RexUtil.composeDisjunction(rex, branches));
  }
}
