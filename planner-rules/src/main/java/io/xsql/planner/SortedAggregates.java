package io.xsql.planner;

import java.util.List;
import java.util.Optional;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableSortedAggregate;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.tools.Program;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.ImmutableIntList;

/**
 * A phase after planning: a hash aggregate whose input comes with its rows of equal group keys together (a
 * file's {@code sorted_by} whose leading keys are the group keys, in any order) becomes Calcite's sorted
 * aggregate, which emits each group when its keys change: memory for one group, the first row after the
 * first group rather than after the whole input. When the input's leading sort keys are only some of the
 * group keys (of every grouping set), the hash aggregate runs once per run of them ({@link XsqlSegmented}):
 * memory for one run's groups. That is also how {@code COUNT(DISTINCT v) ... GROUP BY k} over input sorted
 * on k streams, since Calcite computes it as a GROUP BY k, v below a GROUP BY k. The order is the one the
 * scan checks as it reads.
 */
final class SortedAggregates extends RelHomogeneousShuttle {
  /** The phase as a program. */
  static final Program PROGRAM = (planner, rel, traits, materializations, lattices) ->
      rel.accept(new SortedAggregates());

  @Override
  public RelNode visit(RelNode other) {
    RelNode visited = super.visit(other);
    if (!(visited instanceof EnumerableAggregate agg)) {
      return visited;
    }
    if (streams(agg)) {
      RelCollation keys = RelCollations.of(ImmutableIntList.identity(agg.getGroupCount()));
      return new EnumerableSortedAggregate(agg.getCluster(), agg.getTraitSet().replace(keys), agg.getInput(),
          agg.getGroupSet(), agg.getGroupSets(), agg.getAggCallList());
    }
    return runs(agg).<RelNode>map(prefix -> XsqlSegmented.of(agg,
        prefix.stream().mapToInt(RelFieldCollation::getFieldIndex).toArray(),
        RelCollations.of(prefix.stream().map(f -> f.withFieldIndex(agg.getGroupSet().indexOf(f.getFieldIndex())))
            .toList()))).orElse(visited);
  }

  /** A plain GROUP BY of plain aggregates over input whose collation leads with exactly the group keys. */
  private static boolean streams(EnumerableAggregate agg) {
    if (agg.getGroupType() != Aggregate.Group.SIMPLE || agg.getGroupCount() == 0
        || agg.getAggCallList().stream().anyMatch(c -> c.isDistinct() || c.isApproximate()
            || !c.collation.getFieldCollations().isEmpty())) {
      return false;
    }
    ImmutableBitSet group = agg.getGroupSet();
    return InputOrder.collations(agg.getInput()).stream().anyMatch(c -> {
      List<RelFieldCollation> fields = c.getFieldCollations();
      return fields.size() >= group.cardinality() && ImmutableBitSet.of(fields.subList(0, group.cardinality())
          .stream().map(RelFieldCollation::getFieldIndex).toList()).equals(group);
    });
  }

  /** The longest leading sort keys of the input that every grouping set groups by, if any. */
  private static Optional<List<RelFieldCollation>> runs(EnumerableAggregate agg) {
    ImmutableBitSet everySet = agg.getGroupSets().stream().reduce(agg.getGroupSet(), ImmutableBitSet::intersect);
    List<RelFieldCollation> best = InputOrder.leadingIn(agg.getInput(), everySet);
    return best.isEmpty() ? Optional.empty() : Optional.of(best);
  }
}
