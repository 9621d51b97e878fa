package io.xsql.planner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.linq4j.Enumerator;

/** The rows of a {@link WindowPlan}: reads ahead only as far as the calls need to give the next row. */
final class StreamingWindowEnumerator implements Enumerator<Object[]> {
  private final WindowPlan plan;
  private final Enumerator<Object[]> input;
  private final int lookBack;
  private final WindowPartition partition = new WindowPartition();
  private final List<Function<WindowPartition, Object>> states = new ArrayList<>();
  /** The first row of the next partition, read while finding the current one's end. */
  private Object[] next;
  private Object[] current;
  private boolean inputDone;

  StreamingWindowEnumerator(WindowPlan plan, Enumerator<Object[]> input) {
    this.plan = plan;
    this.input = input;
    this.lookBack = plan.lookBack();
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public boolean moveNext() {
    WindowPartition p = partition;
    while (true) {
      if (!p.pending.isEmpty() && (p.complete || plan.ready(p))) {
        current = output(p);
        return true;
      }
      if (p.complete || p.first == null) {
        Object[] first = p.first == null && next == null ? read() : next;
        if (first == null) {
          return false;
        }
        next = null;
        p.start(first);
        states.clear();
        plan.calls().forEach(call -> states.add(call.start()));
        continue;
      }
      Object[] row = read();
      if (row == null || !JoinKeys.same(row, p.first, plan.partitionKeys())) {
        next = row;
        p.complete = true;
      } else {
        p.pending.add(row);
      }
    }
  }

  private Object[] read() {
    if (!inputDone && input.moveNext()) {
      return input.current();
    }
    inputDone = true;
    return null;
  }

  private Object[] output(WindowPartition p) {
    Object[] row = p.current();
    Object[] out = Arrays.copyOf(row, plan.width() + states.size());
    for (int i = 0; i < states.size(); i++) {
      out[plan.width() + i] = states.get(i).apply(p);
    }
    p.pending.removeFirst();
    if (lookBack > 0) {
      p.history.add(row);
      p.history.trimTo(lookBack);
    }
    p.previous = row;
    p.index++;
    return out;
  }

  @Override
  public void reset() {
    throw new UnsupportedOperationException("a streaming window is read once");
  }

  @Override
  public void close() {
    input.close();
  }
}
