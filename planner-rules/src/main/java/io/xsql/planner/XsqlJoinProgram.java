package io.xsql.planner;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.hint.RelHint;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

/**
 * The step after Calcite's planner that decides how each join runs ({@link JoinChooser}), bottom up, on
 * the physical plan: the inputs are then concrete operators whose capabilities and order are known
 * (a scan that can look keys up, a sorted file), not sets of alternatives. Each join learns first whether
 * the order its trait set promises is relied on above it ({@link OrderedJoins}).
 *
 * <p>Calcite's physical joins do not keep the hints of the logical joins they implement, and joins made
 * from IN and EXISTS subqueries never had them, so the statement's join hints come from its SQL and are
 * offered to every join; each join takes those naming one of its sides ({@link JoinHints}).
 */
public final class XsqlJoinProgram {
  private XsqlJoinProgram() {}

  /**
   * Calcite's {@code planner} program followed by the join choice.
   *
   * @param hints the statement's join hints, aliases replaced by table names, read when the program runs
   * @param switchKeys the keys after which an unhinted lookup join switches to a scan; empty to decide per join
   */
  public static Program around(Program planner, Supplier<List<RelHint>> hints, OptionalLong switchKeys) {
    Program choose = (p, rel, traits, materializations, lattices) -> {
      List<RelHint> statementHints = hints.get();
      Set<RelNode> ordered = OrderedJoins.of(rel, traits);
      return rel.accept(new RelShuttleImpl() {
        @Override
        public RelNode visit(RelNode other) {
          RelCollation order = ordered.contains(other) ? OrderedJoins.order(other) : RelCollations.EMPTY;
          RelNode visited = super.visit(other);
          return JoinChooser.replaces(visited)
              ? JoinChooser.choose((Join) visited, statementHints, switchKeys, order) : visited;
        }
      });
    };
    return Programs.sequence(planner, choose);
  }
}
