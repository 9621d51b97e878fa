package io.xsql.planner;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.function.Predicate2;

/**
 * Streams the rows of a merge join; see {@link MergeJoinPlan}. The right input is read one run of equal
 * keys ahead (plus one row, to see where the run ends); each left row is joined with the run when their
 * keys are equal, and the run is left behind when a left row with a greater key arrives. Both inputs are
 * read to their end, even when one ends early, so that a row out of order anywhere fails the query.
 * Input rows are kept (the right run), so inputs must not reuse their arrays. A join's conditions besides
 * its keys are checked on each pair of a left row and a run row: only pairs that pass match.
 */
final class MergeJoinEnumerator extends OrderedJoinEnumerator {
  private final MergeJoinPlan plan;
  /** The join's conditions besides its keys, checked on each pair of equal keys. */
  private final Optional<Predicate2<Object[], Object[]>> residual;
  /** The right rows of the current key, and which of them matched a left row. */
  private final List<Object[]> run = new ArrayList<>();
  private final BitSet matched = new BitSet();
  private boolean started;
  /** Whether {@code right.current()} is a row read ahead of the run. */
  private boolean rightAhead;
  /** The left row being joined; null between left rows. */
  private Object[] leftRow;
  private boolean positioned;
  private boolean matching;
  /** The output rows the left row makes with the run, and how many were output. */
  private int pairs;
  private int nextPair;
  /** With a residual: the run rows whose pair with the left row passes it, the first {@code pairs} valid. */
  private int[] passing = new int[0];
  /** The run row to look at next when outputting the run's unmatched rows; -1 when not doing so. */
  private int flushFrom = -1;

  MergeJoinEnumerator(MergeJoinPlan plan, Enumerable<Object[]> left, Enumerable<Object[]> right,
      Optional<Predicate2<Object[], Object[]>> residual) {
    super(new MergeJoinInput(left, plan.leftKeys(), plan.leftName()), new MergeJoinInput(right, plan.rightKeys(),
        plan.rightName()), plan.leftWidth(), plan.rightWidth(), plan.outputsLeftOnly());
    this.plan = plan;
    this.residual = residual;
  }

  @Override
  boolean advance() {
    if (!started) {
      started = true;
      rightAhead = right.moveNext();
      loadRun();
    }
    while (true) {
      if (flushFrom >= 0) {
        if (flushUnmatched()) {
          return true;
        }
        continue;
      }
      if (leftRow == null) {
        if (!left.moveNext()) {
          if (plan.keepsUnmatchedRight() && !run.isEmpty()) {
            leaveRun();
            continue;
          }
          skipRight();
          return false;
        }
        leftRow = left.current();
        positioned = false;
      }
      if (!positioned) {
        if (!run.isEmpty() && JoinKeys.compare(run.get(0), plan.rightKeys(), leftRow, plan.leftKeys()) < 0) {
          leaveRun();
          continue;
        }
        position();
      }
      if (nextPair < pairs) {
        int i = residual.isEmpty() ? nextPair : passing[nextPair];
        nextPair++;
        matched.set(i);
        current = output(leftRow, run.get(i));
        return true;
      }
      Object[] done = leftRow;
      leftRow = null;
      if (!matching && plan.keepsUnmatchedLeft()) {
        current = output(done, null);
        return true;
      }
    }
  }

  /** Sets up the current left row against the run, whose key is not below the left row's. */
  private void position() {
    positioned = true;
    matching = !run.isEmpty()
        && JoinKeys.compare(leftRow, plan.leftKeys(), run.get(0), plan.rightKeys()) == 0
        && !JoinKeys.hasNull(leftRow, plan.leftKeys());
    nextPair = 0;
    pairs = 0;
    int passed = matching && residual.isPresent() ? pass() : run.size();
    matching = matching && passed > 0;
    if (matching) {
      pairs = switch (plan.type()) {
        case SEMI -> 1;
        case ANTI -> 0;
        default -> plan.firstMatch() ? 1 : passed;
      };
    }
  }

  /**
   * Checks the residual on the left row with each run row, in the run's order, into {@link #passing}; only
   * up to the first that passes when one pair is all the join uses. Returns how many passed.
   */
  private int pass() {
    if (passing.length < run.size()) {
      passing = new int[run.size()];
    }
    boolean one = plan.firstMatch() || plan.outputsLeftOnly();
    int count = 0;
    for (int i = 0; i < run.size() && !(one && count > 0); i++) {
      if (residual.get().apply(leftRow, run.get(i))) {
        passing[count++] = i;
      }
    }
    return count;
  }

  /**
   * Reads the rest of the right input once the left one has ended: nothing more can match, but a row out
   * of order there might have matched a left row already passed.
   */
  private void skipRight() {
    while (rightAhead) {
      rightAhead = right.moveNext();
    }
    run.clear();
  }

  /** Moves past the run: its unmatched rows are output first when the join keeps them. */
  private void leaveRun() {
    if (plan.keepsUnmatchedRight()) {
      flushFrom = 0;
    } else {
      loadRun();
    }
  }

  /** Outputs the next unmatched row of the run, or loads the next run and returns false. */
  private boolean flushUnmatched() {
    int i = matched.nextClearBit(flushFrom);
    if (i < run.size()) {
      flushFrom = i + 1;
      current = output(null, run.get(i));
      return true;
    }
    flushFrom = -1;
    loadRun();
    return false;
  }

  /** Reads the right rows of the next key into the run, and one row more. */
  private void loadRun() {
    run.clear();
    matched.clear();
    if (!rightAhead) {
      return;
    }
    Object[] first = right.current();
    run.add(first);
    rightAhead = right.moveNext();
    // A key with a NULL matches nothing, so its equal neighbours need not be held together.
    if (JoinKeys.hasNull(first, plan.rightKeys())) {
      return;
    }
    while (rightAhead && JoinKeys.compare(right.current(), plan.rightKeys(), first, plan.rightKeys()) == 0) {
      run.add(right.current());
      rightAhead = right.moveNext();
    }
  }
}
