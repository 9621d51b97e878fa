package io.xsql.planner;

import java.util.Iterator;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * The runtime of {@link XsqlBuffer}: an input's rows, read on first use and replayed after. A replay looks
 * at the query's cancel flag as a source's scan does, since nested loops may replay for long without
 * reading a source.
 */
public final class BufferedRows<T> extends AbstractEnumerable<T> {
  /** Rows replayed between looks at the cancel flag. */
  private static final int CHECK_EVERY = 1024;

  private final Enumerable<T> input;
  private final QueryContext context;
  private List<T> rows;

  private BufferedRows(Enumerable<T> input, QueryContext context) {
    this.input = input;
    this.context = context;
  }

  /** Called from generated code. */
  public static <T> Enumerable<T> of(Enumerable<T> input, DataContext root) {
    return new BufferedRows<>(input, QueryContext.of(root));
  }

  @Override
  public Enumerator<T> enumerator() {
    if (rows == null) {
      // toList closes the input's enumerator: its source's cursor is released before the first outer row
      // is joined.
      rows = input.toList();
    }
    return new Replay();
  }

  /** One pass over the kept rows. */
  private final class Replay implements Enumerator<T> {
    private Iterator<T> next = rows.iterator();
    private T current;
    private int sinceCheck;

    @Override
    public T current() {
      return current;
    }

    @Override
    public boolean moveNext() {
      if (++sinceCheck == CHECK_EVERY) {
        sinceCheck = 0;
        if (context.isCanceled()) {
          throw context.interruption();
        }
      }
      if (!next.hasNext()) {
        return false;
      }
      current = next.next();
      return true;
    }

    @Override
    public void reset() {
      next = rows.iterator();
    }

    @Override
    public void close() {
      // The rows stay for the next pass.
    }
  }
}
