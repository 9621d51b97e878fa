package io.xsql.planner;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.calcite.linq4j.Enumerator;

/**
 * A stream operator that emits rows as its watermark passes, not as events come (a windowed aggregate, a
 * window join): it takes the events of its inputs as they come, each input read on a thread of its own
 * ({@link StreamInput}), and between events wakes every {@link #POLL_MILLIS} to notice a cancel or a
 * timeout and to let an idle stream's watermark follow the clock.
 */
abstract class WindowedEnumerator implements Enumerator<Object[]> {
  /** The longest the operator waits for an event before it looks at the clock and the cancel flag. */
  static final long POLL_MILLIS = 100;

  private final List<Enumerator<Object[]>> inputs;
  private final List<String> threads;
  private final QueryContext context;
  private final ArrayDeque<Object[]> ready = new ArrayDeque<>();
  private StreamInput input;
  private Object[] current;

  /** @param threads per input, the name of the thread that reads it ({@code xsql-window clicks}) */
  WindowedEnumerator(List<Enumerator<Object[]>> inputs, List<String> threads, QueryContext context) {
    this.inputs = List.copyOf(inputs);
    this.threads = List.copyOf(threads);
    this.context = context;
  }

  /** Starts the operator's clocks, at {@code now}: when the first row is asked for, reading starts. */
  abstract void start(long now);

  /** Takes an event of input {@code input} that came at {@code now}. */
  abstract void add(int input, Object[] row, long now);

  /** Emits the rows the watermark at {@code now} completes. */
  abstract void close(long now, Consumer<Object[]> out);

  /** Counts a row handed out. */
  abstract void emitted();

  /** Whether input {@code input} has ended: its watermark then holds nothing back. */
  final boolean ended(int input) {
    return this.input.ended(input);
  }

  @Override
  public final boolean moveNext() {
    if (input == null) {
      start(System.currentTimeMillis());
      input = new StreamInput(inputs, threads);
    }
    while (ready.isEmpty()) {
      if (context.mustStop()) {
        throw context.interruption();
      }
      if (input.ended()) {
        return false;
      }
      Optional<StreamInput.Arrival> arrival = input.next(POLL_MILLIS);
      long now = System.currentTimeMillis();
      if (arrival.isPresent()) {
        add(arrival.get().input(), arrival.get().row(), now);
      }
      close(now, ready::add);
    }
    current = ready.poll();
    emitted();
    return true;
  }

  @Override
  public final Object[] current() {
    return current;
  }

  @Override
  public final void reset() {
    throw new UnsupportedOperationException("a stream is read once");
  }

  @Override
  public final void close() {
    if (input != null) {
      input.close();
    } else {
      inputs.forEach(Enumerator::close);
    }
  }
}
