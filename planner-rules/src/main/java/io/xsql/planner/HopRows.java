package io.xsql.planner;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.runtime.SqlFunctions;

/**
 * The runtime of {@link XsqlHopRows}: each input row once per window, the window's start and end (epoch
 * milliseconds, as Calcite holds a TIMESTAMP) appended. A row whose time is NULL lies in no window.
 */
public final class HopRows extends AbstractEnumerable<Object[]> {
  private final Enumerable<Object[]> input;
  private final StreamWindow window;

  private HopRows(Enumerable<Object[]> input, StreamWindow window) {
    this.input = input;
    this.window = window;
  }

  /** Called from generated code. */
  public static Enumerable<Object[]> of(Enumerable<Object[]> input, int timeColumn, long size, long slide,
      long offset) {
    return new HopRows(input, new StreamWindow(StreamWindow.Kind.HOP, timeColumn, size, slide, offset,
        new int[0]));
  }

  @Override
  public Enumerator<Object[]> enumerator() {
    return new Windows(input.enumerator());
  }

  /** One pass: the pending windows of the current input row, then the next row's. */
  private final class Windows implements Enumerator<Object[]> {
    private final Enumerator<Object[]> rows;
    private final Deque<Object[]> pending = new ArrayDeque<>();
    private Object[] current;

    Windows(Enumerator<Object[]> rows) {
      this.rows = rows;
    }

    @Override
    public Object[] current() {
      return current;
    }

    @Override
    public boolean moveNext() {
      while (pending.isEmpty()) {
        if (!rows.moveNext()) {
          return false;
        }
        Object[] row = rows.current();
        Object time = row[window.timeColumn()];
        if (time != null) {
          window.windows(SqlFunctions.toLong(time), (start, end) -> {
            Object[] out = Arrays.copyOf(row, row.length + 2);
            out[row.length] = start;
            out[row.length + 1] = end;
            pending.add(out);
          });
        }
      }
      current = pending.poll();
      return true;
    }

    @Override
    public void reset() {
      rows.reset();
      pending.clear();
      current = null;
    }

    @Override
    public void close() {
      rows.close();
    }
  }
}
