package io.xsql.planner;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * What a streaming window does at run time: over input already ordered by its partition keys and then
 * its order keys, append each window function's value to every row in one pass. It holds the rows of the
 * current partition that a call still needs ahead of the current row (LEAD's offset, RANGE peers, a
 * frame to the partition's end) and the few behind it that a call looks back on, never the input. Public
 * only because generated code calls it.
 *
 * @param partitionKeys the input columns of PARTITION BY
 * @param calls the window functions, in the order of their output columns
 * @param width the number of values of an input row
 */
public record WindowPlan(int[] partitionKeys, List<WindowCall> calls, int width) {
  public WindowPlan {
    partitionKeys = partitionKeys.clone();
    calls = List.copyOf(requireNonNull(calls, "calls is null"));
  }

  /** Called by generated code: each input row followed by the calls' values, in a new array. */
  public Enumerable<Object[]> run(Enumerable<Object[]> input) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return new StreamingWindowEnumerator(WindowPlan.this, input.enumerator());
      }
    };
  }

  /** Whether every call can give the current row's value. */
  boolean ready(WindowPartition p) {
    for (WindowCall call : calls) {
      if (!call.ready(p)) {
        return false;
      }
    }
    return true;
  }

  int lookBack() {
    return calls.stream().mapToInt(WindowCall::lookBack).max().orElse(0);
  }
}
