package io.xsql.planner;

import org.apache.calcite.adapter.enumerable.EnumerableTableFunctionScan;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.tools.Program;

/**
 * A phase after planning: Calcite's HOP becomes {@link XsqlHopRows}. Calcite's HOP runtime hands a row out
 * in {@code current()}, so its {@code moveNext()} stays true until {@code current()} has taken every
 * pending row: a COUNT(*) or a join reading no column of it looped for ever, deaf to cancel and timeout,
 * and it never closed its input.
 */
final class HopWindows extends RelHomogeneousShuttle {
  /** The phase as a program. */
  static final Program PROGRAM = (planner, rel, traits, materializations, lattices) ->
      rel.accept(new HopWindows());

  @Override
  public RelNode visit(RelNode other) {
    RelNode visited = super.visit(other);
    if (visited instanceof EnumerableTableFunctionScan scan && scan.getInputs().size() == 1) {
      return StreamWindow.of(scan).filter(w -> w.kind() == StreamWindow.Kind.HOP)
          .<RelNode>map(w -> new XsqlHopRows(scan, w)).orElse(visited);
    }
    return visited;
  }
}
