package io.xsql.planner;

import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.tools.Program;

/**
 * The last phase: a sort whose input the phases before it made ordered already (a streaming window keeps
 * its input's order where Calcite's window operator did not; a sorted aggregate emits its groups in key
 * order) is dropped, so ORDER BY over them streams too.
 */
final class RedundantSorts extends RelHomogeneousShuttle {
  /** The phase as a program. */
  static final Program PROGRAM = (planner, rel, traits, materializations, lattices) ->
      rel.accept(new RedundantSorts());

  @Override
  public RelNode visit(RelNode other) {
    RelNode visited = super.visit(other);
    if (visited instanceof EnumerableSort sort && sort.offset == null && sort.fetch == null
        && InputOrder.collations(sort.getInput()).stream().anyMatch(c -> c.satisfies(sort.getCollation()))) {
      return sort.getInput();
    }
    return visited;
  }
}
