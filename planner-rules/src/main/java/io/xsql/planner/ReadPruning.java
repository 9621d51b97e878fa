package io.xsql.planner;

import io.xsql.spi.PrunableRead;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.tools.Program;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mapping;
import org.apache.calcite.util.mapping.MappingType;
import org.apache.calcite.util.mapping.Mappings;

/**
 * A phase after the calc phase: an expression over a read from another system ({@link PrunableRead}) that
 * uses some of its fields asks the read for those only; an aggregate over such an expression that reads
 * some of its fields has it compute those only first. TPC-H Q3's customers of one segment left MariaDB
 * with all eight columns, comments and addresses included, for a key and the segment xsql checks again.
 */
final class ReadPruning extends RelHomogeneousShuttle {
  /** The phase as a program. */
  static final Program PROGRAM = (planner, rel, traits, materializations, lattices) ->
      rel.accept(new ReadPruning());

  @Override
  public RelNode visit(RelNode other) {
    RelNode visited = super.visit(other);
    if (visited instanceof EnumerableCalc calc && calc.getInput() instanceof PrunableRead read) {
      return pruned(calc, read).orElse(calc);
    }
    if (visited instanceof EnumerableAggregate agg && agg.getInput() instanceof EnumerableCalc calc
        && calc.getInput() instanceof PrunableRead read) {
      return narrowed(agg, calc, read).orElse(agg);
    }
    return visited;
  }

  /** The calc over the read of the fields it uses, when that is fewer than all. */
  private static Optional<RelNode> pruned(EnumerableCalc calc, PrunableRead read) {
    RexProgram program = calc.getProgram();
    List<RexNode> projects = program.getProjectList().stream().map(program::expandLocalRef).toList();
    Optional<RexNode> condition = Optional.ofNullable(program.getCondition()).map(program::expandLocalRef);
    ImmutableBitSet used = RelOptUtil.InputFinder.bits(projects, condition.orElse(null));
    int fields = calc.getInput().getRowType().getFieldCount();
    if (used.isEmpty() || used.cardinality() == fields) {
      return Optional.empty();
    }
    return read.pruned(used).map(pruned -> {
      RexPermuteInputsShuttle remap = RexPermuteInputsShuttle.of(kept(used, fields));
      return EnumerableCalc.create(pruned, RexProgram.create(pruned.getRowType(),
          projects.stream().map(p -> p.accept(remap)).toList(), condition.map(c -> c.accept(remap)).orElse(null),
          calc.getRowType(), calc.getCluster().getRexBuilder()));
    });
  }

  /** The aggregate over a calc of only the fields it reads, that calc pruned, when the read can be. */
  private static Optional<RelNode> narrowed(EnumerableAggregate agg, EnumerableCalc calc, PrunableRead read) {
    ImmutableBitSet used = ImmutableBitSet.of(RelOptUtil.getAllFields(agg));
    int fields = calc.getRowType().getFieldCount();
    if (used.isEmpty() || used.cardinality() == fields) {
      return Optional.empty();
    }
    RexProgram program = calc.getProgram();
    List<RexNode> projects = used.asList().stream()
        .map(i -> program.expandLocalRef(program.getProjectList().get(i))).toList();
    List<String> names = used.asList().stream().map(i -> calc.getRowType().getFieldNames().get(i)).toList();
    EnumerableCalc fewer = EnumerableCalc.create(calc.getInput(), RexProgram.create(calc.getInput().getRowType(),
        projects, Optional.ofNullable(program.getCondition()).map(program::expandLocalRef).orElse(null), names,
        calc.getCluster().getRexBuilder()));
    Mapping mapping = kept(used, fields);
    return pruned(fewer, read).map(input -> agg.copy(agg.getTraitSet(), input, Mappings.apply(mapping,
        agg.getGroupSet()), agg.getGroupSets().stream().map(g -> Mappings.apply(mapping, g)).toList(),
        agg.getAggCallList().stream().map(call -> call.transform(mapping)).toList()));
  }

  /** The mapping of {@code fields} fields onto the {@code used} ones, in their order. */
  private static Mapping kept(ImmutableBitSet used, int fields) {
    Mapping mapping = Mappings.create(MappingType.INVERSE_SURJECTION, fields, used.cardinality());
    List<Integer> kept = used.asList();
    for (int i = 0; i < kept.size(); i++) {
      mapping.set(kept.get(i), i);
    }
    return mapping;
  }
}
