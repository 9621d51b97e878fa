package io.xsql.planner;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;

/**
 * The joins of a physical plan whose rows must come in the order their trait set promises. Calcite's hash
 * join gives its rows in its left side's order, and the planner drops a sort above it for that (ORDER BY
 * over a file declared sorted); a join whose rows only pass through a hash aggregate, a sort or a hash
 * join's build side may come in any order, and its strategy is chosen without regard to it.
 */
final class OrderedJoins {
  private OrderedJoins() {}

  /**
   * The joins, by identity, whose order something above them relies on.
   *
   * @param rootTraits the traits the statement's rows must have, among them its ORDER BY's order
   */
  static Set<RelNode> of(RelNode root, RelTraitSet rootTraits) {
    Set<RelNode> out = Collections.newSetFromMap(new IdentityHashMap<>());
    RelCollation rootOrder = rootTraits.getCollation();
    walk(root, rootOrder != null && !rootOrder.getFieldCollations().isEmpty(), out);
    return out;
  }

  private static void walk(RelNode rel, boolean matters, Set<RelNode> out) {
    if (matters && rel instanceof Join && !order(rel).getFieldCollations().isEmpty()) {
      out.add(rel);
    }
    for (int i = 0; i < rel.getInputs().size(); i++) {
      walk(rel.getInput(i), matters(rel, i, matters), out);
    }
  }

  /**
   * Whether the order of the {@code input}th input of {@code parent} matters, given whether the parent's
   * does: operators that keep their input's order pass it on, those that hash or sort it drop it, and any
   * other (a merge join, a sorted aggregate, a window) may rely on it.
   */
  private static boolean matters(RelNode parent, int input, boolean parentMatters) {
    if (parent instanceof Sort sort) {
      // A sort orders its rows anew; one without keys is a LIMIT, which keeps them.
      return sort.getCollation().getFieldCollations().isEmpty() && parentMatters;
    }
    if (parent instanceof EnumerableAggregate) {
      return false;
    }
    if (parent instanceof EnumerableLimit || parent instanceof Calc || parent instanceof Project
        || parent instanceof Filter) {
      return parentMatters;
    }
    if (parent instanceof EnumerableHashJoin join && keepsLeftOrder(join.getJoinType())) {
      return input == 0 && parentMatters;
    }
    return true;
  }

  /** The order the operator's trait set promises; empty if none. */
  static RelCollation order(RelNode rel) {
    RelCollation order = rel.getTraitSet().getCollation();
    return order == null ? RelCollations.EMPTY : order;
  }

  private static boolean keepsLeftOrder(JoinRelType type) {
    return type == JoinRelType.INNER || type == JoinRelType.LEFT || type == JoinRelType.SEMI
        || type == JoinRelType.ANTI;
  }
}
