package io.xsql.planner;

import java.util.List;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalCalc;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalWindow;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.tools.Program;

/**
 * Gives projections and windows the collation their input really gives them. Calcite's split of a
 * projection with {@code OVER} into projections and windows copies the projection's collation onto every
 * piece whatever its columns, and over a sorted source the cost-based phase then asks for a sort on a
 * column a piece does not have and fails ({@code ORDER BY t} of a window over a file sorted on t).
 */
final class CollationTraits extends RelHomogeneousShuttle {
  /** The phase as a program. */
  static final Program PROGRAM = (planner, rel, traits, materializations, lattices) ->
      rel.accept(new CollationTraits());

  @Override
  public RelNode visit(RelNode other) {
    RelNode visited = super.visit(other);
    if (visited instanceof LogicalWindow || visited instanceof LogicalProject || visited instanceof LogicalCalc) {
      List<RelCollation> derived = visited.getCluster().getMetadataQuery().collations(visited);
      RelTraitSet traits = visited.getTraitSet().replaceIfs(RelCollationTraitDef.INSTANCE,
          () -> derived == null ? List.of() : derived);
      if (!traits.equals(visited.getTraitSet())) {
        return visited.copy(traits, visited.getInputs());
      }
    }
    return visited;
  }
}
