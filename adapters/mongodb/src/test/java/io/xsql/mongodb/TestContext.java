package io.xsql.mongodb;

import io.xsql.spi.ScanContext;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/** A query's context for tests: cancel() raises the flag and runs the registered actions, as the driver does. */
final class TestContext implements ScanContext {
  private final List<Runnable> actions = new CopyOnWriteArrayList<>();
  final List<String> warnings = new CopyOnWriteArrayList<>();
  /** What the query's timeout leaves, as the driver's context gives it. */
  volatile OptionalLong millisLeft = OptionalLong.empty();
  private volatile boolean canceled;

  void cancel() {
    canceled = true;
    actions.forEach(Runnable::run);
  }

  @Override
  public boolean isCanceled() {
    return canceled;
  }

  @Override
  public AutoCloseable onCancel(Runnable action) {
    actions.add(action);
    return () -> actions.remove(action);
  }

  @Override
  public OptionalLong millisLeft() {
    return millisLeft;
  }

  @Override
  public void warn(String message) {
    warnings.add(message);
  }
}
