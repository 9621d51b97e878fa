package io.xsql.planner;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.function.Predicate2;
import org.apache.calcite.rel.core.JoinRelType;

/**
 * What a join of two streams inside windows does at run time: it places each event of either stream in its
 * windows and keeps it there, by join key, until the watermark of both streams (the earlier of the two)
 * passes the window's end; it then emits the window's joined rows, outer rows padded with NULLs, and drops
 * the window. Emitting at the window's end rather than as matches come is what lets an outer join know a
 * row found no match. The state is the open windows' rows, nothing else; an event whose window was emitted
 * already is counted as late, never joined. Public only because generated code calls it.
 *
 * @param type inner, left, right or full
 * @param left the left stream
 * @param right the right stream
 */
public record WindowJoinPlan(JoinRelType type, WindowJoinSide left, WindowJoinSide right) {
  public WindowJoinPlan {
    requireNonNull(type, "type is null");
    requireNonNull(left, "left is null");
    requireNonNull(right, "right is null");
  }

  /** Called by generated code: each window's joined rows, as the watermarks close it. */
  public Enumerable<Object[]> run(Enumerable<Object[]> leftRows, Enumerable<Object[]> rightRows,
      Predicate2<Object[], Object[]> residual, DataContext root) {
    QueryContext context = QueryContext.of(root);
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return new WindowJoinEnumerator(WindowJoinPlan.this, List.of(leftRows.enumerator(),
            rightRows.enumerator()), residual, context);
      }
    };
  }

  /** The sides, left then right: an input's index among the join's. */
  List<WindowJoinSide> sides() {
    return List.of(left, right);
  }

  /** Whether the join keeps the rows of side {@code side} that match nothing, padded with NULLs. */
  boolean keepsUnmatched(int side) {
    return side == 0 ? type.generatesNullsOnRight() : type.generatesNullsOnLeft();
  }

  /** What EXPLAIN shows. */
  String describe() {
    return left.window().describe() + ", left=" + describe(left) + ", right=" + describe(right);
  }

  private static String describe(WindowJoinSide side) {
    return side.timing().source() + " (" + StreamTiming.describe(side.timing().eventTime()) + ")";
  }
}
