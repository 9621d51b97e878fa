package io.xsql.planner;

import java.util.List;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/** The runtime of {@link XsqlBuffer}: an input's rows, read on first use and replayed after. */
public final class BufferedRows<T> extends AbstractEnumerable<T> {
  private final Enumerable<T> input;
  private List<T> rows;

  private BufferedRows(Enumerable<T> input) {
    this.input = input;
  }

  /** Called from generated code. */
  public static <T> Enumerable<T> of(Enumerable<T> input) {
    return new BufferedRows<>(input);
  }

  @Override
  public Enumerator<T> enumerator() {
    if (rows == null) {
      // toList closes the input's enumerator: its source's cursor is released before the first outer row
      // is joined.
      rows = input.toList();
    }
    return Linq4j.enumerator(rows);
  }
}
