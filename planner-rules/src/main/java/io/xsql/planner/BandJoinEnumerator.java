package io.xsql.planner;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.function.Predicate2;
import org.apache.calcite.rel.core.JoinRelType;

/**
 * Streams the rows of a band join; see {@link BandJoinPlan}. For each left row, the right rows whose lower
 * bound is at most its point join the active ranges, and those whose upper bound is below it (or NULL)
 * leave them: the points only grow, so no later left row can match those. The join's condition is then
 * checked on the left row with each active range. Both inputs are read to their end, so that a row out of
 * order anywhere fails the query.
 */
final class BandJoinEnumerator extends OrderedJoinEnumerator {
  private final BandJoinPlan plan;
  private final Predicate2<Object[], Object[]> condition;
  private final int[] point;
  private final int[] lower;
  private final int[] upper;
  /** The right rows read whose range the left rows' points have not passed, in the right input's order. */
  private final List<Object[]> active = new ArrayList<>();
  private boolean started;
  /** Whether {@code right.current()} is a row read but not yet active. */
  private boolean rightAhead;
  /** The left row being joined and its matches, of which {@code nextMatch} come next; null between rows. */
  private Object[] leftRow;
  private List<Object[]> matches = List.of();
  private int nextMatch;

  BandJoinEnumerator(BandJoinPlan plan, Enumerable<Object[]> left, Enumerable<Object[]> right,
      Predicate2<Object[], Object[]> condition) {
    super(new MergeJoinInput(left, new int[] {plan.point()}, plan.leftName()),
        new MergeJoinInput(right, new int[] {plan.lower()}, plan.rightName()), plan.leftWidth(),
        plan.rightWidth(), !plan.type().projectsRight());
    this.plan = plan;
    this.condition = condition;
    this.point = new int[] {plan.point()};
    this.lower = new int[] {plan.lower()};
    this.upper = new int[] {plan.upper()};
  }

  @Override
  boolean advance() {
    if (!started) {
      started = true;
      rightAhead = right.moveNext();
    }
    while (true) {
      if (leftRow != null && nextMatch < matches.size()) {
        current = output(leftRow, matches.get(nextMatch++));
        return true;
      }
      if (leftRow != null) {
        Object[] done = leftRow;
        leftRow = null;
        if (matches.isEmpty() && (plan.type() == JoinRelType.LEFT || plan.type() == JoinRelType.ANTI)) {
          current = output(done, null);
          return true;
        }
        continue;
      }
      if (!left.moveNext()) {
        while (rightAhead) {
          rightAhead = right.moveNext();
        }
        active.clear();
        return false;
      }
      leftRow = left.current();
      matches = matches(leftRow);
      nextMatch = 0;
      if (plan.type() == JoinRelType.SEMI || plan.type() == JoinRelType.ANTI) {
        // One match decides; a SEMI row comes out once, an ANTI row only without one.
        boolean keep = matches.isEmpty() == (plan.type() == JoinRelType.ANTI);
        Object[] done = leftRow;
        leftRow = null;
        if (keep) {
          current = output(done, null);
          return true;
        }
      }
    }
  }

  /** The active right rows that match {@code row}, after bringing the active ranges up to its point. */
  private List<Object[]> matches(Object[] row) {
    if (row[plan.point()] == null) {
      return List.of();
    }
    // A NULL lower bound matches nothing, and such rows come last.
    while (rightAhead && right.current()[plan.lower()] != null
        && JoinKeys.compare(right.current(), lower, row, point) <= 0) {
      active.add(right.current());
      rightAhead = right.moveNext();
    }
    active.removeIf(r -> JoinKeys.compare(r, upper, row, point) < 0 || r[plan.upper()] == null);
    boolean one = !plan.type().projectsRight();
    List<Object[]> out = new ArrayList<>(one ? 1 : active.size());
    for (Object[] r : active) {
      if (condition.apply(row, r)) {
        out.add(r);
        if (one) {
          break;
        }
      }
    }
    return out;
  }
}
