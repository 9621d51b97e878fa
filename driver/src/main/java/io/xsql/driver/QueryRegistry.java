package io.xsql.driver;

import io.xsql.planner.QueryContext;
import io.xsql.spi.DaemonThreads;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The executions running on one connection, by their statement's cancel flag: each has a
 * {@link QueryContext} and, with a query timeout, a timer that cancels it.
 */
public final class QueryRegistry implements AutoCloseable {
  /** One daemon thread fires all timeouts; it hands the cancel actions to {@link #CANCELLERS}. */
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
      DaemonThreads.named("xsql-query-timeout"));
  /** Runs cancel actions, which may block (a database's cancel), so that one never delays other timeouts. */
  private static final ExecutorService CANCELLERS = Executors.newCachedThreadPool(DaemonThreads.named("xsql-cancel"));

  private record Running(QueryContext context, Optional<ScheduledFuture<?>> timer) {}

  /** Keyed by flag identity: AtomicBoolean does not override equals. */
  private final Map<AtomicBoolean, Running> running = new ConcurrentHashMap<>();

  /**
   * Starts an execution of the statement owning the flag, ending its previous one. Called when execute is
   * called, so that the timeout covers planning and a cancel during planning is kept.
   */
  public QueryContext start(AtomicBoolean cancelFlag, long timeoutMillis) {
    finish(cancelFlag);
    cancelFlag.set(false);
    QueryContext context = new QueryContext(cancelFlag, timeoutMillis);
    Optional<ScheduledFuture<?>> timer = timeoutMillis > 0
        ? Optional.of(after(timeoutMillis, context::timeout))
        : Optional.empty();
    running.put(cancelFlag, new Running(context, timer));
    return context;
  }

  /** Runs {@code action} on the timer's pool after {@code millis}; the handle cancels it. */
  static ScheduledFuture<?> after(long millis, Runnable action) {
    return TIMER.schedule(() -> CANCELLERS.execute(action), millis, TimeUnit.MILLISECONDS);
  }

  /** The statement's current execution. */
  public Optional<QueryContext> get(AtomicBoolean cancelFlag) {
    return Optional.ofNullable(running.get(cancelFlag)).map(Running::context);
  }

  /** Ends the statement's current execution (its result set ended or closed), closing its readers. */
  public void finish(AtomicBoolean cancelFlag) {
    Running r = running.remove(cancelFlag);
    if (r != null) {
      r.timer().ifPresent(t -> t.cancel(false));
      r.context().finish();
    }
  }

  @Override
  public void close() {
    running.keySet().forEach(this::finish);
  }
}
