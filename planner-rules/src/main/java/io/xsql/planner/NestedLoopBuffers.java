package io.xsql.planner;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableNestedLoopJoin;
import org.apache.calcite.adapter.enumerable.EnumerableValues;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.tools.Program;

/** The last phase of planning: every nested-loop join reads its inner input once ({@link XsqlBuffer}). */
final class NestedLoopBuffers extends RelHomogeneousShuttle {
  /** The phase as a program. */
  static final Program PROGRAM = (planner, rel, traits, materializations, lattices) ->
      rel.accept(new NestedLoopBuffers());

  @Override
  public RelNode visit(RelNode other) {
    RelNode visited = super.visit(other);
    if (visited instanceof EnumerableNestedLoopJoin join && !(join.getRight() instanceof XsqlBuffer)
        && !(join.getRight() instanceof EnumerableValues)) {
      RelNode inner = join.getRight();
      return join.copy(join.getTraitSet(), List.of(join.getLeft(),
          new XsqlBuffer(inner.getCluster(), inner.getTraitSet(), inner)));
    }
    return visited;
  }
}
