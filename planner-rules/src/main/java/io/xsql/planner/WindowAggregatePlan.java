package io.xsql.planner;

import static java.util.Objects.requireNonNull;

import io.xsql.spi.EventTime;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * What a windowed GROUP BY over a stream does at run time: it places each event in its windows, adds it to
 * its group's aggregates there, and emits a window's groups once, when the watermark passes the window's
 * end, dropping them then; an event whose window was emitted already is counted as late, never added. The
 * state is the open windows' groups, nothing else. Public only because generated code calls it.
 *
 * @param source the stream's name, for messages
 * @param window the window table function
 * @param keys per output group column, the input column it is, or {@link #WINDOW_START} or {@link #WINDOW_END}
 * @param calls the aggregates, in the order of their output columns
 * @param eventTime the stream's watermark and idle timeout
 */
public record WindowAggregatePlan(String source, StreamWindow window, int[] keys, List<Call> calls,
    EventTime eventTime) {
  /** A group column that is the window's start. */
  static final int WINDOW_START = -1;
  /** A group column that is the window's end. */
  static final int WINDOW_END = -2;

  /** One aggregate: its function, the input column it reads (-1 for {@code COUNT(*)}), its result's class. */
  record Call(WindowAccumulator.Kind kind, int operand, Class<?> resultClass) {
    WindowAccumulator accumulator() {
      return new WindowAccumulator(kind, operand, resultClass);
    }
  }

  public WindowAggregatePlan {
    requireNonNull(source, "source is null");
    requireNonNull(window, "window is null");
    keys = keys.clone();
    calls = List.copyOf(calls);
    requireNonNull(eventTime, "eventTime is null");
  }

  /** Called by generated code: the groups of each window, as the watermark closes it. */
  public Enumerable<Object[]> run(Enumerable<Object[]> input, DataContext root) {
    QueryContext context = QueryContext.of(root);
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return new WindowAggregateEnumerator(WindowAggregatePlan.this, input.enumerator(), context);
      }
    };
  }

  /** The open windows' state this plan keeps. */
  WindowState state() {
    return window.kind() == StreamWindow.Kind.SESSION ? new SessionWindows(this) : new FixedWindows(this);
  }

  /** A fresh set of the aggregates, for a new group. */
  WindowAccumulator[] accumulators() {
    return calls.stream().map(Call::accumulator).toArray(WindowAccumulator[]::new);
  }

  /** The group's output row: its key values (window start and end where asked), then the aggregates. */
  Object[] row(long start, long end, Object[] groupValues, WindowAccumulator[] accumulators) {
    Object[] out = new Object[keys.length + accumulators.length];
    for (int i = 0; i < keys.length; i++) {
      out[i] = switch (keys[i]) {
        case WINDOW_START -> start;
        case WINDOW_END -> end;
        default -> groupValues[i];
      };
    }
    for (int i = 0; i < accumulators.length; i++) {
      out[keys.length + i] = accumulators[i].result();
    }
    return out;
  }

  /** The values of an input row's group columns; window columns stay null, the window says them. */
  GroupKey groupKey(Object[] row) {
    Object[] values = new Object[keys.length];
    for (int i = 0; i < keys.length; i++) {
      values[i] = keys[i] >= 0 ? row[keys[i]] : null;
    }
    return new GroupKey(values);
  }

  /** What EXPLAIN shows. */
  String describe() {
    return window.describe() + ", " + StreamTiming.describe(eventTime);
  }
}
