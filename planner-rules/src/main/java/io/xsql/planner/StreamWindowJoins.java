package io.xsql.planner;

import java.util.List;
import java.util.Optional;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.stream.LogicalDelta;

/**
 * Finds the joins of two streams {@code SELECT STREAM} runs, window joins, and plans them as an
 * {@link XsqlWindowJoin}: {@code TABLE(TUMBLE(TABLE a, DESCRIPTOR(ts), ...)) x JOIN TABLE(TUMBLE(TABLE b, ...))
 * y ON x.k = y.k AND x.window_start = y.window_start}, inner or outer, both sides windowed by the same TUMBLE
 * or HOP on their own event time. Equal window starts keep each window's rows to that window, so the join's
 * state ends with it; any other join of two streams would keep every event forever.
 */
final class StreamWindowJoins {
  private static final List<JoinRelType> TYPES = List.of(JoinRelType.INNER, JoinRelType.LEFT, JoinRelType.RIGHT,
      JoinRelType.FULL);

  /** What a join of two streams must be, for the message that refuses any other. */
  static final String NEEDED = "both sides windowed by the same TUMBLE or HOP on their event time"
      + " (TABLE(TUMBLE(TABLE s, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) x) and joined, inner or outer, on"
      + " x.window_start = y.window_start besides their keys";

  private StreamWindowJoins() {}

  /** The window join that runs the changes to {@code join}, a join of two streams, if it is one. */
  static Optional<RelNode> of(Join join) {
    if (!TYPES.contains(join.getJoinType())
        || !(XsqlDeltaRule.original(join.getLeft()) instanceof TableFunctionScan left)
        || !(XsqlDeltaRule.original(join.getRight()) instanceof TableFunctionScan right)
        || left.getInputs().size() != 1 || right.getInputs().size() != 1) {
      return Optional.empty();
    }
    Optional<StreamWindow> leftWindow = StreamWindow.of(left);
    Optional<StreamWindow> rightWindow = StreamWindow.of(right);
    if (leftWindow.isEmpty() || rightWindow.isEmpty() || !leftWindow.get().placesLike(rightWindow.get())) {
      return Optional.empty();
    }
    int leftWidth = left.getInput(0).getRowType().getFieldCount();
    int rightWidth = right.getInput(0).getRowType().getFieldCount();
    JoinInfo info = join.analyzeCondition();
    boolean sameWindow = false;
    for (int i = 0; i < info.leftKeys.size(); i++) {
      sameWindow |= info.leftKeys.get(i) == leftWidth && info.rightKeys.get(i) == rightWidth;
    }
    if (!sameWindow) {
      return Optional.empty();
    }
    WindowJoinPlan plan = new WindowJoinPlan(join.getJoinType(),
        new WindowJoinSide(StreamTiming.of(left.getInput(0)), leftWindow.get(), leftWidth, info.leftKeys.toIntArray()),
        new WindowJoinSide(StreamTiming.of(right.getInput(0)), rightWindow.get(), rightWidth,
            info.rightKeys.toIntArray()));
    return Optional.of(new XsqlWindowJoin(stream(left), stream(right), plan, join.getRowType(), left.getRowType(),
        right.getRowType(), info.getRemaining(join.getCluster().getRexBuilder())));
  }

  /** The changes to a window function's input, the stream, as the join reads them. */
  private static RelNode stream(TableFunctionScan function) {
    RelNode input = function.getInput(0);
    return RelOptRule.convert(LogicalDelta.create(input), input.getTraitSet().replace(EnumerableConvention.INSTANCE));
  }
}
