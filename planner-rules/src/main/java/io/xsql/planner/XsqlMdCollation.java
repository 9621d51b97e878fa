package io.xsql.planner;

import com.google.common.collect.ImmutableList;
import org.apache.calcite.adapter.enumerable.EnumerableSortedAggregate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.metadata.RelMdCollation;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.MetadataDef;
import org.apache.calcite.rel.metadata.MetadataHandler;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * The order of the output of the operators the phases after planning make (the joins, a sorted
 * aggregate, a segmented operator, a streaming window) and of windows. The join choice compares it with
 * the order Calcite's join promised, and sorts where a chosen join does not keep it. Calcite says a window keeps its input's order,
 * but its window operator gathers and sorts the input by each window's keys, so a sorted source's
 * {@code ORDER BY} above it lost its sort and came out in window order. Only {@link XsqlStreamingWindow}
 * keeps its input's order.
 */
public final class XsqlMdCollation implements MetadataHandler<BuiltInMetadata.Collation> {
  static final XsqlMdCollation INSTANCE = new XsqlMdCollation();

  private XsqlMdCollation() {}

  @Override
  public MetadataDef<BuiltInMetadata.Collation> getDef() {
    return BuiltInMetadata.Collation.DEF;
  }

  /** No order: Calcite's window operator. */
  public ImmutableList<RelCollation> collations(Window window, RelMetadataQuery mq) {
    return ImmutableList.of();
  }

  /** Calcite's answer, and the leading keys of the input's orders that the projection keeps. */
  public ImmutableList<RelCollation> collations(Project project, RelMetadataQuery mq) {
    return withPrefixes(RelMdCollation.project(mq, project.getInput(), project.getProjects()), mq,
        project.getInput(), project.getProjects());
  }

  /** Calcite's answer, and the leading keys of the input's orders that the calc keeps. */
  public ImmutableList<RelCollation> collations(Calc calc, RelMetadataQuery mq) {
    RexProgram program = calc.getProgram();
    return withPrefixes(RelMdCollation.calc(mq, calc.getInput(), program), mq, calc.getInput(),
        program.getProjectList().stream().map(program::expandLocalRef).toList());
  }

  /**
   * Calcite drops an input order as soon as one of its keys is not projected; the keys before it still
   * order the output (a file sorted on k, t projected to k is sorted on k).
   */
  private static ImmutableList<RelCollation> withPrefixes(List<RelCollation> calcite, RelMetadataQuery mq,
      RelNode input, List<RexNode> projects) {
    Set<RelCollation> all = new LinkedHashSet<>(calcite == null ? List.of() : calcite);
    for (RelCollation c : InputOrder.collations(input)) {
      List<RelFieldCollation> prefix = new ArrayList<>();
      for (RelFieldCollation f : c.getFieldCollations()) {
        int target = projects.indexOf(RexInputRef.of(f.getFieldIndex(), input.getRowType()));
        if (target < 0) {
          break;
        }
        prefix.add(f.withFieldIndex(target));
      }
      if (!prefix.isEmpty()) {
        all.add(RelCollations.of(prefix));
      }
    }
    return ImmutableList.copyOf(all);
  }

  /** The keys' order, for the join types that keep it. */
  public ImmutableList<RelCollation> collations(XsqlMergeJoin join, RelMetadataQuery mq) {
    return ImmutableList.copyOf(join.outputOrders());
  }

  /** The outer side's order, where it keeps it. */
  public ImmutableList<RelCollation> collations(XsqlLookupJoin join, RelMetadataQuery mq) {
    return ImmutableList.copyOf(join.outputOrders(mq));
  }

  /** Its left input's orders: each point's matches come as the point is read. */
  public ImmutableList<RelCollation> collations(XsqlBandJoin join, RelMetadataQuery mq) {
    List<RelCollation> left = mq.collations(join.getLeft());
    return left == null ? ImmutableList.of() : ImmutableList.copyOf(left);
  }

  /** None: the probe rows come by batches of the build side's keys, or the build side's rows at the end. */
  public ImmutableList<RelCollation> collations(XsqlFilteredHashJoin join, RelMetadataQuery mq) {
    return ImmutableList.of();
  }

  /** The order of the keys it runs over, run after run. */
  public ImmutableList<RelCollation> collations(XsqlSegmented segmented, RelMetadataQuery mq) {
    return ImmutableList.of(segmented.collation());
  }

  /** Its groups in key order, as it emits them when the keys change. */
  public ImmutableList<RelCollation> collations(EnumerableSortedAggregate aggregate, RelMetadataQuery mq) {
    return ImmutableList.copyOf(aggregate.getTraitSet().getTraits(RelCollationTraitDef.INSTANCE));
  }

  /** The input's order, which the streaming window keeps. */
  public ImmutableList<RelCollation> collations(XsqlStreamingWindow window, RelMetadataQuery mq) {
    return mq.collations(window.getInput());
  }
}
