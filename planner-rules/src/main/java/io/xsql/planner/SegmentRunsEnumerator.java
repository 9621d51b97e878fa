package io.xsql.planner;

import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.function.Function1;

/**
 * The rows of a {@link SegmentPlan}: each run is a one-pass view of the shared input that ends where the
 * keys change, so a run's rows are held only if the operator over it holds them.
 */
final class SegmentRunsEnumerator implements Enumerator<Object> {
  private final int[] keys;
  private final Enumerator<Object[]> input;
  private final Function1<Enumerable<Object[]>, Enumerable<Object>> each;
  /** The first row of the next run, read while finding the current run's end. */
  private Object[] next;
  private boolean inputDone;
  private Run run;
  private Enumerator<Object> output;
  private Object current;

  SegmentRunsEnumerator(int[] keys, Enumerator<Object[]> input,
      Function1<Enumerable<Object[]>, Enumerable<Object>> each) {
    this.keys = keys;
    this.input = input;
    this.each = each;
  }

  @Override
  public Object current() {
    return current;
  }

  @Override
  public boolean moveNext() {
    while (true) {
      if (output != null) {
        if (output.moveNext()) {
          current = output.current();
          return true;
        }
        output.close();
        output = null;
        run.skipRest();
      }
      Object[] first = next != null ? next : read();
      if (first == null) {
        return false;
      }
      next = null;
      run = new Run(first);
      output = each.apply(run).enumerator();
    }
  }

  private Object[] read() {
    if (!inputDone && input.moveNext()) {
      return input.current();
    }
    inputDone = true;
    return null;
  }

  @Override
  public void reset() {
    throw new UnsupportedOperationException("a segmented operator is read once");
  }

  @Override
  public void close() {
    if (output != null) {
      output.close();
    }
    input.close();
  }

  /** One run of equal keys, read once. */
  private final class Run extends AbstractEnumerable<Object[]> implements Enumerator<Object[]> {
    private final Object[] first;
    private Object[] row;
    private boolean started;
    private boolean ended;
    private boolean enumerated;

    Run(Object[] first) {
      this.first = first;
    }

    @Override
    public Enumerator<Object[]> enumerator() {
      if (enumerated) {
        throw new IllegalStateException("a run of a segmented operator is read once");
      }
      enumerated = true;
      return this;
    }

    @Override
    public Object[] current() {
      return row;
    }

    @Override
    public boolean moveNext() {
      if (ended) {
        return false;
      }
      if (!started) {
        started = true;
        row = first;
        return true;
      }
      Object[] read = read();
      if (read == null || !JoinKeys.same(read, first, keys)) {
        next = read;
        ended = true;
        return false;
      }
      row = read;
      return true;
    }

    /** Reads past what the operator left of the run, so the next run starts at its first row. */
    void skipRest() {
      while (moveNext()) {
        // skipped
      }
    }

    @Override
    public void reset() {
      throw new UnsupportedOperationException("a run of a segmented operator is read once");
    }

    @Override
    public void close() {
      // The input is the enumerator's, closed with it.
    }
  }
}
