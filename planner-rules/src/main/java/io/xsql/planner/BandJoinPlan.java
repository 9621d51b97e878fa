package io.xsql.planner;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.Set;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.function.Predicate2;
import org.apache.calcite.rel.core.JoinRelType;

/**
 * What a band join does at run time: join a left input ordered on a point ({@code a.x}) with a right
 * input ordered on the lower bound of a range ({@code a.x BETWEEN b.lo AND b.hi}), both ascending with
 * NULLs last, reading each once. Only the right rows whose range may still hold a point are in memory:
 * those whose lower bound the points have reached and whose upper bound they have not passed. The order
 * of both inputs is checked as they are read. Public only because generated code calls it.
 *
 * @param point the left row's point field
 * @param lower the right row's lower bound field
 * @param upper the right row's upper bound field
 * @param type INNER, LEFT, SEMI or ANTI
 * @param leftWidth the number of values of a left row
 * @param rightWidth the number of values of a right row
 * @param leftName the left input as errors name it
 * @param rightName the right input as errors name it
 */
public record BandJoinPlan(int point, int lower, int upper, JoinRelType type, int leftWidth, int rightWidth,
    String leftName, String rightName) {
  private static final Set<JoinRelType> TYPES = EnumSet.of(JoinRelType.INNER, JoinRelType.LEFT,
      JoinRelType.SEMI, JoinRelType.ANTI);

  /** Checks the plan: a join type the operator runs, fields inside their rows. */
  public BandJoinPlan {
    requireNonNull(type, "type is null");
    requireNonNull(leftName, "leftName is null");
    requireNonNull(rightName, "rightName is null");
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("band join: unsupported join type " + type);
    }
    if (point < 0 || point >= leftWidth || lower < 0 || lower >= rightWidth || upper < 0 || upper >= rightWidth) {
      throw new IllegalArgumentException("band join: fields " + point + ", " + lower + ", " + upper
          + " outside rows of " + leftWidth + " and " + rightWidth);
    }
  }

  /**
   * Called by generated code. {@code condition} is the join's whole condition, range included: a pair of
   * rows matches where it holds (not where it is unknown). Output rows are new arrays in the left input's
   * order: {@code leftWidth + rightWidth} values for INNER and LEFT (NULLs for a LEFT row without a
   * match), the left row's values only for SEMI and ANTI. Nothing is read before the first row is asked for.
   */
  public Enumerable<Object[]> join(Enumerable<Object[]> left, Enumerable<Object[]> right,
      Predicate2<Object[], Object[]> condition) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return new BandJoinEnumerator(BandJoinPlan.this, left, right, condition);
      }
    };
  }
}
