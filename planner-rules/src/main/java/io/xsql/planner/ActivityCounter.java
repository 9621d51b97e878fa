package io.xsql.planner;

import io.xsql.spi.SourceActivity;
import io.xsql.spi.SourceOperation;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/** The counters of one operation in one query ({@link QueryContext#activity}). */
final class ActivityCounter implements SourceActivity {
  private final SourceOperation operation;
  private final LongAdder calls = new LongAdder();
  private final LongAdder rows = new LongAdder();
  private volatile Supplier<String> details;

  ActivityCounter(SourceOperation operation) {
    this.operation = operation;
  }

  @Override
  public void calls(long n) {
    calls.add(n);
  }

  @Override
  public void rows(long n) {
    rows.add(n);
  }

  @Override
  public void details(Supplier<String> text) {
    details = text;
  }

  OperationCount count() {
    Supplier<String> d = details;
    return new OperationCount(operation, calls.sum(), rows.sum(), d == null ? Optional.empty() : Optional.of(d.get()));
  }
}
