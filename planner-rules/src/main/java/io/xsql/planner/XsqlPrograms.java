package io.xsql.planner;

import io.xsql.spi.ErrorCode;
import io.xsql.spi.SourceException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.apache.calcite.plan.RelOptCostImpl;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.hint.RelHint;
import org.apache.calcite.rel.metadata.ChainedRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.rules.AggregateProjectMergeRule;
import org.apache.calcite.rel.rules.AggregateReduceFunctionsRule;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.JoinPushThroughJoinRule;
import org.apache.calcite.rel.rules.ProjectMergeRule;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;
import org.apache.calcite.util.CancelFlag;

/**
 * How xsql plans a query, in phases, so that planning time stays bounded however many tables a query
 * joins: Calcite's cost-based (Volcano) search with join reordering rules grows exponentially with the
 * joins, and on TPC-H Q5 across five sources it did not finish in minutes.
 *
 * <ol>
 *   <li>{@link #subqueries()}: a correlated [NOT] EXISTS becomes a semi- (anti-) join ({@link ExistsJoinRule});
 *       other subqueries become joins and correlates, which are then decorrelated
 *       (scalar subqueries into aggregates joined back), and unused fields are trimmed;</li>
 *   <li>{@link #joinOrder()}: conjuncts common to every branch of an OR are pulled out, what every branch
 *       requires of one input becomes that input's filter ({@link OrImpliedFilters}), filters are
 *       pushed into joins, a GROUP BY joined on a key with a small read gets that read's keys to join first
 *       ({@link SemiJoinReductionRule}), and each tree of inner joins is collapsed into one {@code MultiJoin} and
 *       ordered from row estimates ({@link XsqlJoinOrderRule}; with outer joins, Calcite's
 *       {@code LoptOptimizeJoinRule});</li>
 *   <li>{@link #keyCounts()}: a GROUP BY over a join one side of which gives only its keys counts that
 *       side per key first ({@link JoinKeyCountRule}); one whose aggregates read one side, the other side
 *       unique on its keys, aggregates the read side per key first ({@link JoinSideAggregateRule}); a
 *       semi-join into another database reads its distinct keys ({@link SemiJoinDistinctRule});</li>
 *   <li>{@link #physical()}: the cost-based search, without the rules that reorder joins;</li>
 *   <li>Calcite's calc phase, reads from other systems asked for the fields the expressions over them use
 *       ({@link ReadPruning}), aggregates over input ordered on their keys streamed ({@link SortedAggregates}),
 *       then the join strategies ({@link XsqlJoinProgram}), which see those aggregates' order;</li>
 *   <li>HOP placed by xsql's runtime ({@link HopWindows}); the inner input of every nested-loop join
 *       read once ({@link NestedLoopBuffers}); windows and
 *       aggregates over input ordered on their keys streamed or run per run of equal keys
 *       ({@link StreamingWindows}, {@link SortedAggregates}), and sorts they made redundant dropped
 *       ({@link RedundantSorts}).</li>
 * </ol>
 *
 * <p>Every phase builds its planner on the context of the statement's planner, so cancel, timeout and
 * the planning budget stop each of them between rule calls.
 */
public final class XsqlPrograms {
  private static final RelMetadataProvider METADATA = XsqlMdRowCount.PROVIDER;

  /**
   * Joins from which on the join order phase orders them, not the cost-based search. Two: the search
   * joined TPC-H Q3's customers to orders, then to lineitem, two lookups into PostgreSQL (2.8 s at SF 1),
   * where the phase joins orders and lineitem in PostgreSQL first, filtered by the customers' keys (1.4 s).
   */
  static final int MIN_JOINS = 2;

  /** The rules that reorder joins in the cost-based phase, left out once the join order phase ran. */
  private static final List<RelOptRule> JOIN_REORDERING = List.of(CoreRules.JOIN_COMMUTE,
      CoreRules.JOIN_ASSOCIATE, JoinPushThroughJoinRule.LEFT, JoinPushThroughJoinRule.RIGHT);

  private XsqlPrograms() {}

  /**
   * The whole program.
   *
   * @param joinStrategies whether xsql chooses how each join runs, or leaves that to Calcite
   * @param hints the statement's join hints, read when the program runs
   * @param lookupSwitchKeys the keys after which an unhinted lookup join switches to a scan of its inner side;
   *     empty to decide from each join's estimates
   */
  public static Program standard(boolean joinStrategies, Supplier<List<RelHint>> hints,
      OptionalLong lookupSwitchKeys) {
    // Aggregates over sorted input stream before the joins are chosen, so that a join reading their groups
    // sees them ordered on the keys (a count per key of a sorted file, from JoinKeyCountRule).
    Program planned = Programs.sequence(subqueries(), joinOrder(), keyCounts(), physical(), Programs.calc(METADATA),
        ReadPruning.PROGRAM, SortedAggregates.PROGRAM);
    return Programs.sequence(joinStrategies ? XsqlJoinProgram.around(planned, hints, lookupSwitchKeys) : planned,
        HopWindows.PROGRAM, NestedLoopBuffers.PROGRAM, StreamingWindows.PROGRAM, SortedAggregates.PROGRAM, RedundantSorts.PROGRAM);
  }

  /**
   * [NOT] EXISTS to semi- and anti-joins, other subqueries to joins, decorrelation, field trimming; then
   * {@code OVER} out of projections into windows, with the collations their columns really have
   * ({@link CollationTraits}).
   */
  static Program subqueries() {
    return Programs.sequence(hep(new HepProgramBuilder().addRuleInstance(ExistsJoinRule.CONFIG.toRule()).build()),
        Programs.subQuery(METADATA), Programs.decorrelate(), Programs.measure(METADATA), Programs.trim(),
        hep(new HepProgramBuilder().addRuleInstance(CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW).build()),
        CollationTraits.PROGRAM);
  }

  /**
   * OR factoring and filters into joins; then, for queries of {@link #MIN_JOINS} joins or more, a heuristic
   * order for each tree of inner joins, after which the cost-based phase no longer reorders joins. Fewer
   * joins are left to the cost-based search, which is quick for them and weighs the physical joins.
   */
  static Program joinOrder() {
    Program conditions = Programs.sequence(OrImpliedFilters.program(), hep(new HepProgramBuilder()
        .addRuleCollection(List.of(OrFactorRule.FILTER.toRule(), OrFactorRule.JOIN.toRule(),
            CoreRules.FILTER_INTO_JOIN, CoreRules.JOIN_CONDITION_PUSH, CoreRules.FILTER_MERGE))
        .build()));
    Program order = hep(new HepProgramBuilder()
        .addMatchOrder(HepMatchOrder.BOTTOM_UP)
        .addRuleInstance(CoreRules.JOIN_TO_MULTI_JOIN)
        .addRuleCollection(List.of(CoreRules.PROJECT_MULTI_JOIN_MERGE, CoreRules.FILTER_MULTI_JOIN_MERGE))
        .addRuleInstance(XsqlJoinOrderRule.CONFIG.toRule())
        .addRuleInstance(CoreRules.MULTI_JOIN_OPTIMIZE)
        .build());
    Program reduction = hep(new HepProgramBuilder().addRuleInstance(SemiJoinReductionRule.CONFIG.toRule()).build());
    return (planner, rel, traits, materializations, lattices) -> {
      RelNode conditioned = reduction.run(planner, conditions.run(planner, rel, traits, materializations, lattices),
          traits, materializations, lattices);
      if (RelOptUtil.countJoins(conditioned) < MIN_JOINS) {
        return conditioned;
      }
      JOIN_REORDERING.forEach(planner::removeRule);
      return order.run(planner, conditioned, traits, materializations, lattices);
    };
  }

  /**
   * A GROUP BY over an inner join one side of which gives only its join keys counts that side's rows per
   * key before the join ({@link JoinKeyCountRule}); AVG and the like over such a join are first reduced to
   * SUM and COUNT, which the count weighs, and a projection of fields between the aggregate and the join
   * merged into the aggregate, as the cost-based phase would do anyway. Then a GROUP BY over an inner or
   * LEFT join whose aggregates read one side only, the other unique on its keys, aggregates that side per
   * key first ({@link JoinSideAggregateRule}), and a semi- or anti-join into another database asks it for
   * distinct keys ({@link SemiJoinDistinctRule}).
   */
  static Program keyCounts() {
    return hep(new HepProgramBuilder()
        // The join order phase leaves the fields of a reordered join in their order by a projection.
        .addRuleInstance(ProjectMergeRule.Config.DEFAULT
            .withOperandSupplier(b0 -> b0.operand(Project.class).oneInput(b1 -> b1.operand(Project.class)
                .oneInput(b2 -> b2.operand(Join.class).predicate(JoinSideAggregateRule::innerOrLeft)
                    .anyInputs())))
            .as(ProjectMergeRule.Config.class).toRule())
        .addRuleInstance(AggregateProjectMergeRule.Config.DEFAULT
            .withOperandSupplier(b0 -> b0.operand(Aggregate.class).oneInput(b1 -> b1.operand(Project.class)
                .oneInput(b2 -> b2.operand(Join.class).predicate(JoinSideAggregateRule::innerOrLeft)
                    .anyInputs())))
            .as(AggregateProjectMergeRule.Config.class).toRule())
        .addRuleInstance(AggregateReduceFunctionsRule.Config.DEFAULT
            .withOperandSupplier(b0 -> b0.operand(Aggregate.class)
                .oneInput(b1 -> b1.operand(Join.class).predicate(JoinSideAggregateRule::innerOrLeft)
                    .anyInputs()))
            .as(AggregateReduceFunctionsRule.Config.class).toRule())
        .addRuleInstance(JoinKeyCountRule.CONFIG.toRule())
        .addRuleCollection(List.of(JoinSideAggregateRule.CONFIG.toRule(), JoinSideAggregateRule.PROJECTED.toRule()))
        .addRuleInstance(SemiJoinDistinctRule.CONFIG.toRule())
        .build());
  }

  /** The cost-based search over the planner's rules. */
  static Program physical() {
    return (planner, rel, traits, materializations, lattices) -> {
      materializations.forEach(planner::addMaterialization);
      lattices.forEach(planner::addLattice);
      planner.setRoot(rel);
      RelNode root = rel.getTraitSet().equals(traits) ? rel : planner.changeTraits(rel, traits);
      planner.setRoot(root);
      RelNode best = planner.chooseDelegate().findBestExp();
      // Volcano answers its cancel flag by returning the best plan so far; the statement must stop.
      if (planner.getContext().maybeUnwrap(CancelFlag.class).map(CancelFlag::isCancelRequested).orElse(false)) {
        throw new SourceException(ErrorCode.CANCELED, "query canceled while planning");
      }
      return best;
    };
  }

  /** A heuristic program run on a planner that shares the statement planner's context. */
  private static Program hep(HepProgram program) {
    return (planner, rel, traits, materializations, lattices) -> {
      HepPlanner hep = new HepPlanner(program, planner.getContext(), true, null, RelOptCostImpl.FACTORY);
      List<RelMetadataProvider> providers = new ArrayList<>(List.of(METADATA));
      hep.registerMetadataProviders(providers);
      rel.getCluster().setMetadataProvider(ChainedRelMetadataProvider.of(providers));
      hep.setRoot(rel);
      return hep.findBestExp();
    };
  }

}
