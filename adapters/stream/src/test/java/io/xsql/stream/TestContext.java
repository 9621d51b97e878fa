package io.xsql.stream;

import io.xsql.spi.ScanContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A query's context for tests: {@link #cancel()} raises the flag, as the driver does. */
final class TestContext implements ScanContext {
  final List<String> warnings = new CopyOnWriteArrayList<>();
  private volatile boolean canceled;

  void cancel() {
    canceled = true;
  }

  @Override
  public boolean isCanceled() {
    return canceled;
  }

  @Override
  public AutoCloseable onCancel(Runnable action) {
    return () -> { };
  }

  @Override
  public void warn(String message) {
    warnings.add(message);
  }
}
