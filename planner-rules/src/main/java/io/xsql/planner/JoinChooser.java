package io.xsql.planner;

import io.xsql.spi.ErrorCode;
import io.xsql.spi.KeyedRows;
import io.xsql.spi.LookupBatch;
import io.xsql.spi.LookupSide;
import io.xsql.spi.SourceException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.hint.RelHint;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mappings;

/**
 * Decides how one join of a physical plan runs and builds the operator. Without hints: a lookup join
 * (mmap for a file's index) when one side can look keys up, is estimated at {@link #MIN_LOOKUP_ROWS} or
 * more, and the other side at most {@link #LOOKUP_RATIO} times smaller; else a merge join when both sides already come ordered on the keys;
 * else Calcite's hash join, building its table on the side estimated smaller. A hint forces a strategy,
 * and a strategy that cannot run fails the statement with the reason instead of running another.
 */
final class JoinChooser {
  /** How much smaller the outer side must be estimated for a lookup join to be chosen unasked. */
  static final double LOOKUP_RATIO = 10;
  /** The most keys one lookup request carries, below any source's own limit. */
  static final int MAX_BATCH = 4096;
  /**
   * The fewest rows an inner side is estimated to hold for a lookup join into it to be chosen unasked. A
   * smaller side is read whole at little cost, where looking up an outer side far larger than estimated
   * costs a request per batch: TPC-H Q2 at SF 1 looked 160,000 part keys up in MongoDB, 10,000 a request,
   * for an estimate of 61, and took minutes where reading the 750 parts it filters takes a second.
   */
  static final double MIN_LOOKUP_ROWS = 10_000;
  /** The most lookups a hash join's dynamic filter makes; with more keys the probe side is read whole. */
  static final int FILTER_BATCHES = 4;
  /** The join types whose conditions besides the keys decide which rows match, not which rows stay. */
  private static final Set<JoinRelType> CHECKING = EnumSet.of(JoinRelType.LEFT, JoinRelType.RIGHT,
      JoinRelType.FULL, JoinRelType.SEMI, JoinRelType.ANTI);

  private final Join join;
  private final JoinKeyPairs keys;
  /**
   * The conditions besides the keys that the join's operator must check on each pair of rows with equal
   * keys: an outer, semi or anti join's, and an inner join's under FIRST_MATCH (the first pair that passes).
   */
  private final Optional<RexNode> residual;
  private final RelMetadataQuery mq;
  /** The keys after which every unhinted lookup join switches to a scan; empty to decide per join. */
  private final OptionalLong switchKeys;
  /** The order the join's rows must come in ({@link OrderedJoins}); empty if any will do. */
  private final RelCollation order;

  private JoinChooser(Join join, JoinKeyPairs keys, Optional<RexNode> residual, OptionalLong switchKeys,
      RelCollation order) {
    this.join = join;
    this.keys = keys;
    this.residual = residual;
    this.mq = join.getCluster().getMetadataQuery();
    this.switchKeys = switchKeys;
    this.order = order;
  }

  /**
   * The operator {@code join} should run as; the join itself when Calcite's choice stands.
   *
   * @param statementHints the statement's join hints
   * @param switchKeys the keys after which an unhinted lookup join switches to a scan of its inner side (the
   *     connection's {@code lookupSwitchKeys}); empty to decide from each join's estimates
   * @param order the order the join's rows must come in ({@link OrderedJoins}), empty if any will do: a
   *     strategy that keeps it is preferred, and the rows of one that does not are sorted again
   */
  static RelNode choose(Join join, List<RelHint> statementHints, OptionalLong switchKeys, RelCollation order) {
    RelNode chosen = strategy(join, statementHints, switchKeys, order);
    // A hint may name a strategy that does not keep the order: the rows are sorted again after it.
    return order.getFieldCollations().isEmpty()
        || InputOrder.collations(chosen).stream().anyMatch(c -> c.satisfies(order)) ? chosen
        : EnumerableSort.create(chosen, order, null, null);
  }

  private static RelNode strategy(Join join, List<RelHint> statementHints, OptionalLong switchKeys,
      RelCollation order) {
    JoinHints.Choice hints = JoinHints.of(join, statementHints);
    Optional<JoinKeyPairs> keys = JoinKeyPairs.of(join);
    if (keys.isEmpty()) {
      Optional<RelNode> residual = hints.firstMatch() ? Optional.empty()
          : withResidual(join, statementHints, switchKeys, order);
      if (residual.isPresent()) {
        return residual.get();
      }
      if (hints.firstMatch() && !hints.innerRight() && join.getJoinType() == JoinRelType.INNER
          && KeysAndRest.of(join).isPresent()) {
        // FIRST_MATCH checks the other conditions inside the operator, which has its inner side on the right.
        return restoreOrder(join, choose(swapped(join), statementHints, switchKeys, RelCollations.EMPTY));
      }
      Optional<JoinChooser> checking = checkingResidual(join, hints.firstMatch(), switchKeys, order);
      if (checking.isPresent()) {
        return hints.isEmpty() ? checking.get().automaticWithResidual() : checking.get().forcedWithResidual(hints);
      }
      boolean merge = hints.strategy().equals(Optional.of(JoinStrategy.MERGE)) && !hints.firstMatch();
      Optional<RelNode> band = hints.isEmpty() || merge ? BandJoinChooser.choose(join, merge) : Optional.empty();
      if (band.isEmpty() && !hints.isEmpty()) {
        throw new SourceException(ErrorCode.UNSUPPORTED, "join hints apply to joins on equal keys of the same"
            + " type, and MERGE_JOIN to a range (a.x BETWEEN b.lo AND b.hi) too: " + join.getCondition());
      }
      return band.orElse(join);
    }
    JoinChooser chooser = new JoinChooser(join, keys.get(), Optional.empty(), switchKeys, order);
    return hints.isEmpty() ? chooser.automatic() : chooser.forced(hints);
  }

  /**
   * The same inner join with its inputs the other way round, its condition over their fields, promising no
   * order: the join's order is over its own fields, which the caller restores ({@link #restoreOrder}).
   */
  static Join swapped(Join join) {
    int left = join.getLeft().getRowType().getFieldCount();
    int right = join.getRight().getRowType().getFieldCount();
    Mappings.TargetMapping mapping = Mappings.target(i -> i < left ? i + right : i - left, left + right,
        left + right);
    RexNode condition = join.getCondition().accept(new RexPermuteInputsShuttle(mapping, join.getRight(),
        join.getLeft()));
    return join.copy(join.getTraitSet().replace(RelCollations.EMPTY), condition, join.getRight(), join.getLeft(),
        JoinRelType.INNER, join.isSemiJoinDone());
  }

  /**
   * A chooser for an outer, semi or anti join on equal keys and other conditions, or an inner one whose
   * FIRST_MATCH must take the first row that passes them: the lookup and merge joins check those on each
   * pair of rows with equal keys, as the join's own semantics need (a left row whose candidates all fail
   * them gets NULLs); Calcite's hash join does the same for every other choice.
   */
  private static Optional<JoinChooser> checkingResidual(Join join, boolean firstMatch,
      OptionalLong switchKeys, RelCollation order) {
    JoinRelType type = join.getJoinType();
    if (!(CHECKING.contains(type) || type == JoinRelType.INNER && firstMatch)) {
      return Optional.empty();
    }
    return KeysAndRest.of(join).flatMap(split -> JoinKeyPairs.of(split.keys())
        .map(k -> new JoinChooser(join, k, Optional.of(split.rest()), switchKeys, order)));
  }

  /**
   * A join split into the same join on its equal keys alone and its other conditions.
   *
   * @param keys the join on the equal keys
   * @param rest the other conditions, over the join's left then right fields
   */
  private record KeysAndRest(Join keys, RexNode rest) {
    /** Empty unless the join has both equal keys and other conditions. */
    static Optional<KeysAndRest> of(Join join) {
      JoinInfo info = join.analyzeCondition();
      if (info.leftKeys.isEmpty() || info.nonEquiConditions.isEmpty()) {
        return Optional.empty();
      }
      RexBuilder rex = join.getCluster().getRexBuilder();
      Join keys = join.copy(join.getTraitSet(), info.getEquiCondition(join.getLeft(), join.getRight(), rex),
          join.getLeft(), join.getRight(), join.getJoinType(), join.isSemiJoinDone());
      return Optional.of(new KeysAndRest(keys, RexUtil.composeConjunction(rex, info.nonEquiConditions)));
    }
  }

  /**
   * A lookup into the right side where one would be chosen for the keys alone; else a merge join when both
   * inputs come ordered on the keys; else Calcite's hash join.
   */
  private RelNode automaticWithResidual() {
    double outer = mq.getRowCount(join.getLeft());
    double inner = mq.getRowCount(join.getRight());
    if (lookupPays(true, outer, inner)) {
      Optional<RelNode> lookup = lookup(true, false, false, true).rel();
      if (lookup.isPresent()) {
        return lookup.get();
      }
    }
    if (sorted(join.getLeft(), keys.left()) && sorted(join.getRight(), keys.right())) {
      return merge(false).rel().orElseThrow();
    }
    return join;
  }

  private RelNode forcedWithResidual(JoinHints.Choice hints) {
    boolean innerRight = hints.innerRight();
    String hint = hints.strategy().map(JoinStrategy::hint).orElse(JoinHints.FIRST_MATCH) + "(" + side(innerRight)
        + ")";
    // A merge join reads both sides alike; the others (and FIRST_MATCH) need the join's right side inside.
    if (!innerRight && !(hints.strategy().equals(Optional.of(JoinStrategy.MERGE)) && !hints.firstMatch())) {
      throw unsupported(hint, "a " + join.getJoinType().lowerName + " join with conditions besides its keys"
          + " runs with its right side inside");
    }
    if (hints.strategy().isEmpty()) {
      Attempt lookup = lookup(true, true, false, false);
      return lookup.rel().isPresent() ? lookup.rel().get() : merge(true).orElseThrow(hint);
    }
    return switch (hints.strategy().get()) {
      case LOOKUP -> lookup(true, hints.firstMatch(), false, false).orElseThrow(hint);
      case MMAP -> lookup(true, hints.firstMatch(), true, false).orElseThrow(hint);
      case HASH -> {
        if (hints.firstMatch()) {
          throw unsupported(hint, "FIRST_MATCH runs as a lookup or merge join, not a hash join");
        }
        yield join instanceof EnumerableHashJoin ? join : EnumerableHashJoin.create(join.getLeft(),
            join.getRight(), join.getCondition(), join.getVariablesSet(), join.getJoinType());
      }
      case MERGE -> merge(hints.firstMatch()).orElseThrow(hint);
    };
  }

  /**
   * An inner join on equal keys and other conditions (a date range, {@code a.x < b.x}): the strategy
   * chosen for the equal keys, the other conditions checked on each joined row after it. When the equal
   * keys get Calcite's own hash join, the join stays as it was, which checks them itself.
   */
  private static Optional<RelNode> withResidual(Join join, List<RelHint> statementHints,
      OptionalLong switchKeys, RelCollation order) {
    if (join.getJoinType() != JoinRelType.INNER) {
      return Optional.empty();
    }
    Optional<KeysAndRest> split = KeysAndRest.of(join);
    if (split.isEmpty() || JoinKeyPairs.of(split.get().keys()).isEmpty()) {
      return Optional.empty();
    }
    RelNode chosen = choose(split.get().keys(), statementHints, switchKeys, order);
    if (chosen instanceof EnumerableHashJoin) {
      return Optional.of(join);
    }
    RexProgramBuilder program = new RexProgramBuilder(chosen.getRowType(), join.getCluster().getRexBuilder());
    program.addIdentity();
    program.addCondition(split.get().rest());
    return Optional.of(EnumerableCalc.create(chosen, program.getProgram()));
  }

  private RelNode automatic() {
    Optional<RelNode> enrichment = enrichment();
    if (enrichment.isPresent()) {
      return enrichment.get();
    }
    double left = mq.getRowCount(join.getLeft());
    double right = mq.getRowCount(join.getRight());
    // Only a lookup into the right side, a merge or Calcite's hash join keep the order the join promises.
    boolean ordered = !order.getFieldCollations().isEmpty();
    boolean rightFirst = left <= right;
    for (boolean innerRight : rightFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
      if (ordered && !innerRight) {
        continue;
      }
      double outer = innerRight ? left : right;
      double inner = innerRight ? right : left;
      if (lookupPays(innerRight, outer, inner)) {
        Optional<RelNode> lookup = lookup(innerRight, false, false, true).rel();
        if (lookup.isPresent()) {
          return lookup.get();
        }
      }
    }
    if (sorted(join.getLeft(), keys.left()) && sorted(join.getRight(), keys.right())) {
      return merge(false).rel().orElseThrow();
    }
    if (ordered) {
      return hash(true);
    }
    if (right > left && !canSwap()) {
      // A semi- or anti-join whose right side is larger: its left side hashed, the right side's rows read by
      // its keys (TPC-H Q22's customers without orders: PostgreSQL looks for the orders of 42,000 customers,
      // not of all 150,000).
      Optional<RelNode> leftBuilt = filteredHash(false);
      if (leftBuilt.isPresent()) {
        return leftBuilt.get();
      }
    }
    boolean buildRight = !(right > left && canSwap());
    return filteredHash(buildRight).orElseGet(() -> hash(buildRight));
  }

  /**
   * A stream joined with a side that can look its keys up (a database table, a file's index): a lookup join
   * whatever the estimates, so that each event is enriched with the table's rows as they are when it comes
   * (through the source's {@code lookup_cache}, if any) rather than with a copy hashed when the query began.
   */
  private Optional<RelNode> enrichment() {
    for (boolean innerRight : new boolean[] {true, false}) {
      RelNode outer = innerRight ? join.getLeft() : join.getRight();
      RelNode inner = innerRight ? join.getRight() : join.getLeft();
      if (StreamBatches.of(outer).isPresent() && StreamBatches.of(inner).isEmpty() && probesCheaply(innerRight)) {
        Optional<RelNode> lookup = lookup(innerRight, false, false, true).rel();
        if (lookup.isPresent()) {
          return lookup;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a lookup join into the inner side is chosen unasked: the outer side is estimated {@link
   * #LOOKUP_RATIO} times smaller, the inner side at least {@link #MIN_LOOKUP_ROWS}, and the inner side looks
   * the outer side's keys up cheaply.
   */
  private boolean lookupPays(boolean innerRight, double outer, double inner) {
    return outer * LOOKUP_RATIO <= inner && inner >= MIN_LOOKUP_ROWS && probesCheaply(innerRight)
        && (keyed(innerRight) || indexed(innerRight) || oneStatement(innerRight, outer));
  }

  /**
   * An inner or semi hash join, or an anti one building on its left side, that sends the build side's distinct
   * keys, up to {@link #FILTER_BATCHES} lookups' worth (one, as large as the source takes, unless the probe
   * side is {@link #keyed}), to the probe side, when that side looks rows up by them cheaply (or, by one
   * of them, when it cannot take several: a database's join looked up by composite keys). Not into a
   * file's index, whose first use reads the whole file to build it: the filter pays where the source
   * filters as it reads.
   */
  private Optional<RelNode> filteredHash(boolean buildRight) {
    JoinRelType type = join.getJoinType();
    if (!(type == JoinRelType.INNER || type == JoinRelType.SEMI
        || type == JoinRelType.ANTI && !buildRight)) {
      return Optional.empty();
    }
    RelNode build = buildRight ? join.getRight() : join.getLeft();
    RelNode probe = buildRight ? join.getLeft() : join.getRight();
    JoinKeyPairs pairs = buildRight ? keys.swapped() : keys;
    // A side that cannot look up several keys at once is filtered by one of them, the one keeping the
    // fewest of its rows, chosen when the build side's keys are known.
    List<JoinKeyPairs> ways = new ArrayList<>();
    if (probesCheaply(!buildRight)) {
      ways.add(pairs);
    } else {
      for (int i = 0; i < pairs.left().size(); i++) {
        // A probe column equal to two build fields (Q9's l_partkey, to ps_partkey and p_partkey) once.
        if (pairs.right().indexOf(pairs.right().get(i)) == i) {
          ways.add(new JoinKeyPairs(List.of(pairs.left().get(i)), List.of(pairs.right().get(i))));
        }
      }
    }
    List<FilteredHashJoinPlan.DynamicFilter> filters = new ArrayList<>();
    for (JoinKeyPairs way : ways) {
      Optional<KeyedRows> rows = probe instanceof LookupSide side ? side.lookupBy(way.right())
          : Optional.empty();
      if (rows.isPresent() && !rows.get().fileIndex()) {
        Double values = mq.getDistinctRowCount(probe, ImmutableBitSet.of(way.right()), null);
        filters.add(new FilteredHashJoinPlan.DynamicFilter(rows.get(), way.leftArray(),
            values == null ? 0 : values));
      }
    }
    if (filters.isEmpty()) {
      return Optional.empty();
    }
    boolean keyed = keyed(!buildRight);
    int batch = filters.stream().mapToInt(f -> batchSize(f.probe(), keyed)).min().orElseThrow();
    FilteredHashJoinPlan plan = new FilteredHashJoinPlan(filters, pairs.leftArray(), pairs.rightArray(),
        !buildRight, type, build.getRowType().getFieldCount(), probe.getRowType().getFieldCount(),
        keyed || indexed(!buildRight) ? batch * FILTER_BATCHES : batch, batch);
    return Optional.of(new XsqlFilteredHashJoin(join.getLeft(), join.getRight(), join.getRowType(), plan,
        mq.getRowCount(join)));
  }

  /**
   * Whether the inner side answers a batch of keys without making all of itself first: one key column, or
   * a side without joins. A database answers composite keys drawn from two joined tables only after the
   * whole join, once per batch (TPC-H Q5 at scale factor 1: minutes per batch, where reading the join
   * once takes seconds).
   */
  private boolean probesCheaply(boolean innerRight) {
    return keys.left().size() == 1 || !joinsInside(innerRight);
  }

  /**
   * Whether the inner (looked-up) side finds a batch of keys without reading all of itself: one table whose
   * keys are unique (a primary key or unique index), or a file read through its index. A database runs any
   * other side whole once per batch (TPC-H Q5 at SF 1: three batches of supplier keys, three joins of
   * lineitem and orders; Q22: eleven batches of customer keys, eleven reads of orders), so that side gets
   * one batch at most. Keys a GROUP BY makes unique are no table's: the database groups all rows for each
   * batch (TPC-H Q22's distinct customers of orders).
   */
  private boolean keyed(boolean innerRight) {
    RelNode inner = innerRight ? join.getRight() : join.getLeft();
    List<Integer> innerKeys = innerRight ? keys.right() : keys.left();
    return !joinsInside(innerRight) && !grouped(inner) && (Boolean.TRUE.equals(mq.areColumnsUnique(inner,
        ImmutableBitSet.of(innerKeys))) || inner instanceof LookupSide side && side.lookupBy(innerKeys)
            .map(KeyedRows::fileIndex).orElse(false));
  }

  /**
   * Whether the inner side is one table the source finds the keys' rows of through an index ({@link
   * io.xsql.spi.KeyLookup#indexed}), not unique: each statement costs by its keys, so it may take several.
   * TPC-H Q3 at SF 1: 147,000 orders of the building segment fit no one statement into lineitem, which was
   * then read whole (3 million rows) where two statements through its primary key's index send 300,000.
   */
  private boolean indexed(boolean innerRight) {
    RelNode inner = innerRight ? join.getRight() : join.getLeft();
    List<Integer> innerKeys = innerRight ? keys.right() : keys.left();
    return !joinsInside(innerRight) && inner instanceof LookupSide side && side.lookupBy(innerKeys)
        .map(rows -> rows.lookup().indexed(rows.keyColumns())).orElse(false);
  }

  /**
   * Whether {@code outer} keys fit one lookup into a side that is not {@link #keyed}, which its database
   * makes whole once per statement: TPC-H Q22's 42,000 customers (SF 1) fit one PostgreSQL array into
   * orders, so that NOT EXISTS reads their orders instead of building a hash of all 1.5 million.
   */
  private boolean oneStatement(boolean innerRight, double outer) {
    RelNode inner = innerRight ? join.getRight() : join.getLeft();
    List<Integer> innerKeys = innerRight ? keys.right() : keys.left();
    return outer <= MAX_BATCH || inner instanceof LookupSide side && side.lookupBy(innerKeys)
        .map(rows -> outer <= batchSize(rows, false)).orElse(false);
  }

  /**
   * Keys per lookup into a side: {@link #MAX_BATCH} into a {@link #keyed} side; as many as its source takes
   * in one statement into any other, which the database makes whole once per statement (PostgreSQL: one
   * array of up to 100,000 keys; TPC-H Q5's 30,000 Asian customers at SF 1 looked the join of lineitem and
   * orders up in 8 statements of 4,096, each joining them again).
   */
  private static int batchSize(KeyedRows rows, boolean keyed) {
    int most = rows.lookup().maxBatchSize();
    return Math.max(1, keyed ? Math.min(most, MAX_BATCH) : most);
  }

  /** Whether a GROUP BY makes some of the rows of {@code rel}. */
  private static boolean grouped(RelNode rel) {
    return rel instanceof Aggregate || rel.getInputs().stream().anyMatch(input -> grouped(input.stripped()));
  }

  private boolean joinsInside(boolean innerRight) {
    return RelOptUtil.countJoins(innerRight ? join.getRight() : join.getLeft()) > 0;
  }

  private RelNode forced(JoinHints.Choice hints) {
    boolean innerRight = hints.innerRight();
    boolean first = hints.firstMatch();
    if (hints.strategy().isEmpty()) {
      Attempt lookup = lookup(innerRight, first, false, false);
      return lookup.rel().isPresent() ? lookup.rel().get() : mergeWithInner(innerRight, true).orElseThrow(
          JoinHints.FIRST_MATCH + "(" + side(innerRight) + ")");
    }
    JoinStrategy strategy = hints.strategy().get();
    String hint = strategy.hint() + "(" + side(innerRight) + ")";
    return switch (strategy) {
      case LOOKUP -> lookup(innerRight, first, false, false).orElseThrow(hint);
      case MMAP -> lookup(innerRight, first, true, false).orElseThrow(hint);
      case MERGE -> mergeWithInner(innerRight, first).orElseThrow(hint);
      case HASH -> {
        if (first) {
          throw unsupported(hint, "FIRST_MATCH runs as a lookup or merge join, not a hash join");
        }
        if (!innerRight && !canSwap()) {
          throw unsupported(hint, "a " + join.getJoinType().lowerName + " join builds on its right side");
        }
        yield hash(innerRight);
      }
    };
  }

  /** A built operator, or why it cannot be built. */
  private record Attempt(Optional<RelNode> rel, String reason) {
    static Attempt of(RelNode rel) {
      return new Attempt(Optional.of(rel), "");
    }

    static Attempt no(String reason) {
      return new Attempt(Optional.empty(), reason);
    }

    RelNode orElseThrow(String hint) {
      return rel.orElseThrow(() -> unsupported(hint, reason));
    }
  }

  private static SourceException unsupported(String hint, String reason) {
    return new SourceException(ErrorCode.UNSUPPORTED, "cannot run the join as " + hint + ": " + reason);
  }

  private boolean canSwap() {
    return join.getJoinType() != JoinRelType.SEMI && join.getJoinType() != JoinRelType.ANTI;
  }

  /**
   * A lookup join fetching the rows of the right (or left) side by key; {@code adaptive} for one xsql chose
   * unasked, which switches to a scan of the inner side if the outer side turns out far larger (not a
   * stream's, whose every batch is looked up as it comes).
   */
  private Attempt lookup(boolean innerRight, boolean firstMatch, boolean fileOnly, boolean adaptive) {
    if (!innerRight && !canSwap()) {
      return Attempt.no("a " + join.getJoinType().lowerName + " join looks up its right side only");
    }
    if (!innerRight && residual.isPresent()) {
      return Attempt.no("a " + join.getJoinType().lowerName + " join with conditions besides its keys looks up"
          + " its right side only");
    }
    JoinRelType type = innerRight ? join.getJoinType() : swappedType();
    if (type != JoinRelType.INNER && type != JoinRelType.LEFT && type != JoinRelType.SEMI
        && type != JoinRelType.ANTI) {
      return Attempt.no("a lookup join keeps only the outer side's unmatched rows, and this "
          + join.getJoinType().lowerName + " join needs the looked-up side's");
    }
    if (firstMatch && type != JoinRelType.INNER && type != JoinRelType.LEFT) {
      return Attempt.no("FIRST_MATCH applies to inner and left joins");
    }
    RelNode outer = innerRight ? join.getLeft() : join.getRight();
    RelNode inner = innerRight ? join.getRight() : join.getLeft();
    JoinKeyPairs pairs = innerRight ? keys : keys.swapped();
    Optional<KeyedRows> rows = inner instanceof LookupSide side ? side.lookupBy(pairs.right())
        : Optional.empty();
    if (rows.isEmpty()) {
      return Attempt.no(side(innerRight) + " cannot look rows up by " + fieldNames(inner, pairs.right()));
    }
    if (fileOnly && !rows.get().fileIndex()) {
      return Attempt.no(side(innerRight) + " is not one uncompressed JSON Lines or CSV file");
    }
    // A stream's keys are looked up in micro-batches: up to its size, or after its delay.
    Optional<LookupBatch> stream = StreamBatches.of(outer);
    int most = batchSize(rows.get(), keyed(innerRight));
    Optional<LookupJoinPlan.Adaptive> switching = adaptive && stream.isEmpty()
        ? adaptive(innerRight, rows.get(), most, mq.getRowCount(outer), mq.getRowCount(inner)) : Optional.empty();
    // A batch holds no more keys than the switch allows, so that the switch can come after the first.
    int batch = stream.map(b -> Math.min(b.size(), most))
        .orElse((int) Math.min(most, switching.map(LookupJoinPlan.Adaptive::afterKeys).orElse((long) most)));
    LookupJoinPlan plan = new LookupJoinPlan(rows.get(), pairs.leftArray(), type, firstMatch, batch,
        outer.getRowType().getFieldCount(), inner.getRowType().getFieldCount(), stream.map(LookupBatch::maxDelay),
        switching);
    JoinStrategy strategy = rows.get().fileIndex() ? JoinStrategy.MMAP : JoinStrategy.LOOKUP;
    if (innerRight) {
      return Attempt.of(new XsqlLookupJoin(outer, join.getRowType(), plan, strategy, mq.getRowCount(inner),
          mq.getRowCount(join), residual.map(c -> new XsqlLookupJoin.Residual(inner.getRowType(), c))));
    }
    RelDataType swappedRow = SqlValidatorUtil.deriveJoinRowType(outer.getRowType(), inner.getRowType(), type,
        join.getCluster().getTypeFactory(), null, List.of());
    return Attempt.of(restoreOrder(join, new XsqlLookupJoin(outer, swappedRow, plan, strategy,
        mq.getRowCount(inner), mq.getRowCount(join), Optional.empty())));
  }

  /**
   * When an unhinted lookup join into a {@link #keyed} or {@link #indexed} side whose lookup can read it
   * whole ({@link io.xsql.spi.KeyLookup#scans}) stops looking up: after the connection's {@code
   * lookupSwitchKeys} if set, else once it has looked up as many keys as would have made the planner scan
   * that side ({@link #LOOKUP_RATIO} times fewer than its rows), but not before its first batch. The lookups
   * then cost about what the scan does, so a join whose outer side was underestimated costs at most about
   * twice the better plan: 10,000 keys into PostgreSQL by its primary key took 50 to 90 ms of statements, a
   * scan of its 5,000,000 rows about 2 s. A lookup into any other side was chosen for one statement's worth
   * of keys, and is not adaptive.
   */
  private Optional<LookupJoinPlan.Adaptive> adaptive(boolean innerRight, KeyedRows rows, int batch,
      double outerRows, double innerRows) {
    if (!rows.lookup().scans(rows.keyColumns()) || !keyed(innerRight) && !indexed(innerRight)) {
      return Optional.empty();
    }
    long after = switchKeys.orElseGet(() -> Math.max(batch, (long) Math.ceil(innerRows / LOOKUP_RATIO)));
    // A lookup into the left side gives the right side's order, never the join's: it is sorted again anyway.
    boolean keepsOrder = innerRight && !order.getFieldCollations().isEmpty();
    return Optional.of(new LookupJoinPlan.Adaptive(after, outerRows, innerRows, keepsOrder));
  }

  /** A merge join whose hinted inner side is {@code innerRight}; FIRST_MATCH needs the inner on the right. */
  private Attempt mergeWithInner(boolean innerRight, boolean firstMatch) {
    if (!firstMatch || innerRight) {
      return merge(firstMatch);
    }
    if (join.getJoinType() != JoinRelType.INNER) {
      return Attempt.no("FIRST_MATCH names the preserved side of a " + join.getJoinType().lowerName + " join");
    }
    RelNode swapped = merged(join.getRight(), join.getLeft(), keys.swapped(), JoinRelType.INNER, true,
        SqlValidatorUtil.deriveJoinRowType(join.getRight().getRowType(), join.getLeft().getRowType(),
            JoinRelType.INNER, join.getCluster().getTypeFactory(), null, List.of()), Optional.empty());
    return Attempt.of(restoreOrder(join, swapped));
  }

  /**
   * A merge join, sorting an input that does not come ordered on the keys; it checks the join's residual
   * on each pair of rows with equal keys.
   */
  private Attempt merge(boolean firstMatch) {
    JoinRelType type = join.getJoinType();
    if (firstMatch && type != JoinRelType.INNER && type != JoinRelType.LEFT) {
      return Attempt.no("FIRST_MATCH applies to inner and left joins");
    }
    return Attempt.of(merged(join.getLeft(), join.getRight(), keys, type, firstMatch, join.getRowType(),
        residual));
  }

  private RelNode merged(RelNode left, RelNode right, JoinKeyPairs pairs, JoinRelType type,
      boolean firstMatch, RelDataType rowType, Optional<RexNode> condition) {
    MergeJoinPlan plan = new MergeJoinPlan(pairs.leftArray(), pairs.rightArray(), type,
        left.getRowType().getFieldCount(), right.getRowType().getFieldCount(), firstMatch,
        name(left, "the left input"), name(right, "the right input"));
    return new XsqlMergeJoin(ordered(left, pairs.left()), ordered(right, pairs.right()), rowType, plan,
        condition);
  }

  /** A hash join building on the right input ({@code buildRight}) or on the left one. */
  private RelNode hash(boolean buildRight) {
    if (buildRight) {
      return join instanceof EnumerableHashJoin ? join : EnumerableHashJoin.create(join.getLeft(),
          join.getRight(), join.getCondition(), join.getVariablesSet(), join.getJoinType());
    }
    RexBuilder rex = join.getCluster().getRexBuilder();
    RexNode condition = RelOptUtil.createEquiJoinCondition(join.getRight(), keys.right(), join.getLeft(),
        keys.left(), rex);
    return restoreOrder(join, EnumerableHashJoin.create(join.getRight(), join.getLeft(), condition, Set.of(),
        swappedType()));
  }

  private JoinRelType swappedType() {
    return switch (join.getJoinType()) {
      case LEFT -> JoinRelType.RIGHT;
      case RIGHT -> JoinRelType.LEFT;
      default -> join.getJoinType();
    };
  }

  /**
   * Puts the fields of an operator that joined the inputs the other way round (right first) back in the
   * join's order.
   */
  static RelNode restoreOrder(Join join, RelNode swapped) {
    int left = join.getLeft().getRowType().getFieldCount();
    int right = join.getRight().getRowType().getFieldCount();
    RexBuilder rex = join.getCluster().getRexBuilder();
    List<RexNode> fields = new ArrayList<>(left + right);
    for (int i = 0; i < left; i++) {
      fields.add(rex.makeInputRef(swapped, right + i));
    }
    for (int i = 0; i < right; i++) {
      fields.add(rex.makeInputRef(swapped, i));
    }
    return EnumerableCalc.create(swapped, RexProgram.create(swapped.getRowType(), fields, null,
        join.getRowType(), rex));
  }

  /** Whether the input comes ordered on the keys (ascending, NULLs last), as the merge join reads. */
  private boolean sorted(RelNode input, List<Integer> fields) {
    RelCollation wanted = collation(fields);
    List<RelCollation> have = mq.collations(input);
    return have != null && have.stream().anyMatch(c -> c.satisfies(wanted));
  }

  private RelNode ordered(RelNode input, List<Integer> fields) {
    return sorted(input, fields) ? input : EnumerableSort.create(input, collation(fields), null, null);
  }

  static RelCollation collation(List<Integer> fields) {
    return RelCollations.of(fields.stream().map(f -> new RelFieldCollation(f,
        RelFieldCollation.Direction.ASCENDING, RelFieldCollation.NullDirection.LAST)).toList());
  }

  private String side(boolean right) {
    return name(right ? join.getRight() : join.getLeft(), right ? "the right input" : "the left input");
  }

  /** The table an input reads, when it reads one, for messages and EXPLAIN. */
  static String name(RelNode input, String otherwise) {
    // Files and Java objects live in the default schema, which nobody writes.
    return JoinHints.onlyTable(input).map(n -> String.join(".", n.get(0).equals("main")
        ? n.subList(1, n.size()) : n)).orElse(otherwise);
  }

  private static List<String> fieldNames(RelNode input, List<Integer> fields) {
    return fields.stream().map(input.getRowType().getFieldNames()::get).toList();
  }

  /** Calcite's enumerable convention, the only one whose joins the chooser replaces. */
  static boolean replaces(RelNode rel) {
    return rel instanceof Join && rel.getConvention() == EnumerableConvention.INSTANCE;
  }
}
