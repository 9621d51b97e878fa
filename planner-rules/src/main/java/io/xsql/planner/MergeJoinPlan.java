package io.xsql.planner;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.function.Predicate2;
import org.apache.calcite.rel.core.JoinRelType;

/**
 * What a merge join does at run time: join two inputs already ordered on their join keys (ascending, NULLs
 * last, as {@link JoinKeys#compare} orders them) while reading each once. Only the current run of equal
 * keys of the right input is held in memory; the left input streams. The order of both inputs is checked
 * as they are read, and a row out of order fails the query rather than lose its matches. Public only
 * because generated code calls it.
 *
 * @param leftKeys the key columns of a left row
 * @param rightKeys the key columns of a right row, in the same key order
 * @param type INNER, LEFT, RIGHT, FULL, SEMI or ANTI (NOT EXISTS: left rows without a match)
 * @param leftWidth the number of values of a left row
 * @param rightWidth the number of values of a right row
 * @param firstMatch whether a left row joins only the first matching right row (INNER and LEFT only)
 * @param leftName the left input as errors name it
 * @param rightName the right input as errors name it
 */
public record MergeJoinPlan(int[] leftKeys, int[] rightKeys, JoinRelType type, int leftWidth, int rightWidth,
    boolean firstMatch, String leftName, String rightName) {
  private static final Set<JoinRelType> TYPES = EnumSet.of(JoinRelType.INNER, JoinRelType.LEFT,
      JoinRelType.RIGHT, JoinRelType.FULL, JoinRelType.SEMI, JoinRelType.ANTI);

  /** Checks the plan: a join type the operator runs, keys of the same arity inside their rows. */
  public MergeJoinPlan {
    requireNonNull(type, "type is null");
    requireNonNull(leftName, "leftName is null");
    requireNonNull(rightName, "rightName is null");
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("merge join: unsupported join type " + type);
    }
    if (firstMatch && type != JoinRelType.INNER && type != JoinRelType.LEFT) {
      throw new IllegalArgumentException("merge join: FIRST_MATCH needs an INNER or LEFT join, not " + type);
    }
    leftKeys = checkKeys(leftKeys, leftWidth, "left");
    rightKeys = checkKeys(rightKeys, rightWidth, "right");
    if (leftKeys.length != rightKeys.length) {
      throw new IllegalArgumentException("merge join: " + leftKeys.length + " left keys but "
          + rightKeys.length + " right keys");
    }
  }

  private static int[] checkKeys(int[] keys, int width, String side) {
    requireNonNull(keys, side + "Keys is null");
    if (keys.length == 0) {
      throw new IllegalArgumentException("merge join: no " + side + " keys");
    }
    for (int k : keys) {
      if (k < 0 || k >= width) {
        throw new IllegalArgumentException("merge join: " + side + " key " + k + " outside a row of " + width);
      }
    }
    return keys.clone();
  }

  /**
   * Called by generated code. Output rows are new arrays: {@code leftWidth + rightWidth} values for INNER,
   * LEFT, RIGHT and FULL joins (NULLs for a missing side), the left row's values only for SEMI and ANTI.
   * They follow the left input's order, with the right rows that match nothing (RIGHT, FULL) at their place
   * in key order. Nothing is read before the first row is asked for.
   */
  public Enumerable<Object[]> join(Enumerable<Object[]> left, Enumerable<Object[]> right) {
    return join(left, right, Optional.empty());
  }

  /**
   * Called by generated code for a join with conditions besides its keys: a left row and a right row of
   * equal keys match only where {@code residual} holds, so a LEFT row none of whose pairs holds gets NULLs,
   * a SEMI row needs one that holds, an ANTI row is kept, a RIGHT or FULL right row no left row matched
   * gets NULLs, and FIRST_MATCH takes the first right row that holds.
   */
  public Enumerable<Object[]> join(Enumerable<Object[]> left, Enumerable<Object[]> right,
      Predicate2<Object[], Object[]> residual) {
    return join(left, right, Optional.of(residual));
  }

  private Enumerable<Object[]> join(Enumerable<Object[]> left, Enumerable<Object[]> right,
      Optional<Predicate2<Object[], Object[]>> residual) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return new MergeJoinEnumerator(MergeJoinPlan.this, left, right, residual);
      }
    };
  }

  /** Whether right rows without a match are output. */
  boolean keepsUnmatchedRight() {
    return type == JoinRelType.RIGHT || type == JoinRelType.FULL;
  }

  /** Whether left rows without a match are output. */
  boolean keepsUnmatchedLeft() {
    return type == JoinRelType.LEFT || type == JoinRelType.FULL || type == JoinRelType.ANTI;
  }

  /** Whether output rows are the left row's values only. */
  boolean outputsLeftOnly() {
    return type == JoinRelType.SEMI || type == JoinRelType.ANTI;
  }
}
