package io.xsql.planner;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.adapter.enumerable.EnumerableWindow;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.rex.RexWindowExclusion;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.tools.Program;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * A phase after planning: Calcite's window operator, which gathers its whole input before its first row,
 * becomes a {@link XsqlStreamingWindow} when the input already comes ordered by every window's partition
 * keys (in any order) and then its order keys, and every function and frame is one the streaming window
 * computes. The order is one the plan proves (a file's checked {@code sorted_by}, a merge join's output),
 * never one a hint claims.
 */
final class StreamingWindows extends RelHomogeneousShuttle {
  /** The phase as a program. */
  static final Program PROGRAM = (planner, rel, traits, materializations, lattices) ->
      rel.accept(new StreamingWindows());

  @Override
  public RelNode visit(RelNode other) {
    RelNode visited = super.visit(other);
    if (visited instanceof EnumerableWindow window) {
      Optional<RelNode> streamed = plan(window).map(plan -> new XsqlStreamingWindow(window, window.getTraitSet()
          .replaceIfs(RelCollationTraitDef.INSTANCE, () -> InputOrder.collations(window.getInput())),
          window.getInput(), window.constants, plan));
      return streamed.or(() -> runs(window)).orElse(visited);
    }
    return visited;
  }

  /**
   * Calcite's window operator once per run of the input's leading sort keys that every window partitions
   * by: it then holds one partition (or run of them), not the input.
   */
  private static Optional<RelNode> runs(Window window) {
    ImmutableBitSet everyPartition = window.groups.stream().map(g -> g.keys)
        .reduce(window.groups.get(0).keys, ImmutableBitSet::intersect);
    List<RelFieldCollation> best = InputOrder.leadingIn(window.getInput(), everyPartition);
    return best.isEmpty() ? Optional.empty() : Optional.of(XsqlSegmented.of(window,
        best.stream().mapToInt(RelFieldCollation::getFieldIndex).toArray(), RelCollations.of(best)));
  }

  /** The streaming plan of {@code window}, if its input's order and its calls allow one. */
  static Optional<WindowPlan> plan(Window window) {
    return calls(window).filter(plan -> ordered(window, window.groups.get(0).keys));
  }

  /**
   * The order a streaming window needs of its input: the partition keys (ascending, NULLs last), then the
   * longest of the windows' order keys, of which the others' must be prefixes; empty if they are not.
   */
  static Optional<RelCollation> neededOrder(Window window) {
    List<RelFieldCollation> order = window.groups.stream().map(g -> g.orderKeys.getFieldCollations().stream()
        .map(StreamingWindows::plain).toList()).max(Comparator.comparingInt(List::size)).orElseThrow();
    if (window.groups.stream().anyMatch(g -> !order.subList(0, g.orderKeys.getFieldCollations().size())
        .equals(g.orderKeys.getFieldCollations().stream().map(StreamingWindows::plain).toList()))) {
      return Optional.empty();
    }
    List<RelFieldCollation> fields = new ArrayList<>();
    window.groups.get(0).keys.forEachInt(k -> fields.add(new RelFieldCollation(k,
        RelFieldCollation.Direction.ASCENDING, RelFieldCollation.NullDirection.LAST)));
    order.stream().filter(f -> !window.groups.get(0).keys.get(f.getFieldIndex())).forEach(fields::add);
    return Optional.of(RelCollations.of(fields));
  }

  /** The streaming plan of {@code window}'s calls, whatever its input's order: every window partitions alike. */
  static Optional<WindowPlan> calls(Window window) {
    ImmutableBitSet partition = window.groups.get(0).keys;
    if (window.groups.stream().anyMatch(g -> !g.keys.equals(partition))) {
      return Optional.empty();
    }
    int width = window.getInput().getRowType().getFieldCount();
    List<WindowCall> calls = new ArrayList<>();
    for (Window.Group group : window.groups) {
      Optional<WindowFrame> frame = frame(window, group);
      if (frame.isEmpty()) {
        return Optional.empty();
      }
      for (Window.RexWinAggCall call : group.aggCalls) {
        Optional<WindowCall> planned = call.distinct || call.ignoreNulls ? Optional.empty()
            : new Operands(window, call).call(frame.get());
        if (planned.isEmpty()) {
          return Optional.empty();
        }
        calls.add(planned.get());
      }
    }
    return Optional.of(new WindowPlan(partition.toArray(), calls, width));
  }

  /** Whether the input's order leads with the partition keys, then every group's order keys. */
  private static boolean ordered(Window window, ImmutableBitSet partition) {
    List<RelCollation> collations = InputOrder.collations(window.getInput());
    int n = partition.cardinality();
    return collations.stream().anyMatch(c -> {
      List<RelFieldCollation> fields = c.getFieldCollations();
      if (fields.size() < n || !ImmutableBitSet.of(fields.subList(0, n).stream()
          .map(RelFieldCollation::getFieldIndex).toList()).equals(partition)) {
        return false;
      }
      List<RelFieldCollation> rest = fields.subList(n, fields.size()).stream().map(StreamingWindows::plain).toList();
      return window.groups.stream().allMatch(g -> {
        List<RelFieldCollation> order = g.orderKeys.getFieldCollations().stream().map(StreamingWindows::plain)
            .toList();
        return order.size() <= rest.size() && rest.subList(0, order.size()).equals(order);
      });
    });
  }

  /** A field collation with its NULL direction spelled out (unspecified is the direction's default). */
  private static RelFieldCollation plain(RelFieldCollation field) {
    return field.nullDirection == RelFieldCollation.NullDirection.UNSPECIFIED
        ? field.withNullDirection(field.direction.defaultNullDirection()) : field;
  }

  /** The group's frame, if the streaming window computes it. */
  private static Optional<WindowFrame> frame(Window window, Window.Group group) {
    if (group.exclude != RexWindowExclusion.EXCLUDE_NO_OTHER) {
      return Optional.empty();
    }
    int[] orderKeys = group.orderKeys.getFieldCollations().stream()
        .mapToInt(RelFieldCollation::getFieldIndex).toArray();
    RexWindowBound lower = group.lowerBound;
    RexWindowBound upper = group.upperBound;
    boolean toEnd = upper.isUnboundedFollowing();
    if (!toEnd && !upper.isCurrentRow()) {
      return Optional.empty();
    }
    if (lower.isUnboundedPreceding()) {
      return Optional.of(new WindowFrame(group.isRows, -1, toEnd, orderKeys));
    }
    if (toEnd || !group.isRows) {
      return Optional.empty();
    }
    if (lower.isCurrentRow()) {
      return Optional.of(new WindowFrame(true, 0, false, orderKeys));
    }
    return Optional.ofNullable(lower.getOffset()).filter(o -> lower.isPreceding())
        .flatMap(o -> count(window, o))
        .map(n -> new WindowFrame(true, n, false, orderKeys));
  }

  /** A whole constant of at least 0: a frame's offset, LAG's, NTILE's buckets. */
  private static Optional<Integer> count(Window window, RexNode node) {
    return constant(window, node).filter(l -> SqlTypeFamily.NUMERIC.contains(l.getType()))
        .map(l -> l.getValueAs(BigDecimal.class))
        .filter(v -> v.signum() >= 0 && v.stripTrailingZeros().scale() <= 0)
        .filter(v -> v.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0)
        .map(BigDecimal::intValue);
  }

  /** A literal operand, or a reference to one of the window's constants. */
  private static Optional<RexLiteral> constant(Window window, RexNode node) {
    if (node instanceof RexLiteral literal) {
      return Optional.of(literal);
    }
    int width = window.getInput().getRowType().getFieldCount();
    return node instanceof RexInputRef ref && ref.getIndex() >= width
        ? Optional.of(window.constants.get(ref.getIndex() - width)) : Optional.empty();
  }

  /** A call's operands: input columns, or constants of the window. */
  private record Operands(Window window, Window.RexWinAggCall call) {
    Optional<WindowCall> call(WindowFrame frame) {
      List<RexNode> operands = call.getOperands();
      return switch (call.getKind()) {
        case ROW_NUMBER -> Optional.of(new WindowCall.Ranking(WindowCall.Ranking.Kind.ROW_NUMBER, frame.orderKeys()));
        case RANK -> Optional.of(new WindowCall.Ranking(WindowCall.Ranking.Kind.RANK, frame.orderKeys()));
        case DENSE_RANK -> Optional.of(new WindowCall.Ranking(WindowCall.Ranking.Kind.DENSE_RANK, frame.orderKeys()));
        case NTILE -> operands.size() == 1
            ? count(window, operands.get(0)).filter(n -> n > 0).map(WindowCall.Ntile::new) : Optional.empty();
        case LAG, LEAD -> offset(operands, call.getKind() == SqlKind.LEAD);
        case FIRST_VALUE, LAST_VALUE -> operands.size() == 1 ? column(operands.get(0))
            .map(c -> new WindowCall.Value(call.getKind() == SqlKind.LAST_VALUE, c, frame))
            : Optional.empty();
        case COUNT -> operands.isEmpty() ? Optional.of(aggregate(WindowAccumulator.Kind.COUNT, -1, frame))
            : single(WindowAccumulator.Kind.COUNT, frame);
        case SUM -> single(WindowAccumulator.Kind.SUM, frame);
        case SUM0 -> single(WindowAccumulator.Kind.SUM0, frame);
        case MIN -> single(WindowAccumulator.Kind.MIN, frame);
        case MAX -> single(WindowAccumulator.Kind.MAX, frame);
        default -> Optional.empty();
      };
    }

    private Optional<WindowCall> single(WindowAccumulator.Kind kind, WindowFrame frame) {
      return call.getOperands().size() == 1
          ? column(call.getOperands().get(0)).map(c -> aggregate(kind, c, frame)) : Optional.empty();
    }

    private WindowCall aggregate(WindowAccumulator.Kind kind, int column, WindowFrame frame) {
      return new WindowCall.Aggregate(kind, column, WindowValues.javaClass(call.getType()), frame);
    }

    /** LAG or LEAD: a column, an optional constant offset (1), an optional constant default (NULL). */
    private Optional<WindowCall> offset(List<RexNode> operands, boolean lead) {
      if (operands.isEmpty() || operands.size() > 3) {
        return Optional.empty();
      }
      Optional<Integer> column = column(operands.get(0));
      Optional<Integer> offset = operands.size() > 1 ? count(window, operands.get(1)) : Optional.of(1);
      Optional<WindowValues.Constant> fallback = operands.size() > 2
          ? constant(window, operands.get(2)).flatMap(l -> WindowValues.constant(l, call.getType()))
          : Optional.of(new WindowValues.Constant(null));
      if (column.isEmpty() || offset.isEmpty() || fallback.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new WindowCall.Offset(lead, column.get(), offset.get(), fallback.get().value()));
    }

    private Optional<Integer> column(RexNode node) {
      int width = window.getInput().getRowType().getFieldCount();
      return node instanceof RexInputRef ref && ref.getIndex() < width ? Optional.of(ref.getIndex())
          : Optional.empty();
    }
  }
}
