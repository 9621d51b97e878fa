package io.xsql.driver;

import io.xsql.planner.QueryContext;
import io.xsql.spi.DaemonThreads;
import java.time.Instant;
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

  /**
   * An execution under way.
   *
   * @param sql the statement's text, when the client sent one (metadata calls send none)
   * @param started when it started, and the same in {@link System#nanoTime()}
   * @param planned whether it was started by a prepare-and-execute whose execute step has not come yet
   */
  private record Running(QueryContext context, Optional<ScheduledFuture<?>> timer, Optional<String> sql,
      Instant started, long startedNanos, AtomicBoolean planned) {}

  /** Keyed by flag identity: AtomicBoolean does not override equals. */
  private final Map<AtomicBoolean, Running> running = new ConcurrentHashMap<>();
  private final QueryHistory history;

  /** @param history where finished queries with SQL text are kept */
  QueryRegistry(QueryHistory history) {
    this.history = history;
  }

  /**
   * Starts an execution of the statement owning the flag, ending its previous one. Called when execute is
   * called, so that the timeout covers planning and a cancel during planning is kept.
   *
   * @param sql the statement's text, for the history; empty for metadata calls
   */
  public QueryContext start(AtomicBoolean cancelFlag, long timeoutMillis, Optional<String> sql) {
    return start(cancelFlag, timeoutMillis, sql, false);
  }

  /**
   * Starts an execution that plans first and then executes: the execute step that follows
   * ({@link #execute}) continues it rather than starting another.
   */
  public QueryContext plan(AtomicBoolean cancelFlag, long timeoutMillis, Optional<String> sql) {
    return start(cancelFlag, timeoutMillis, sql, true);
  }

  /**
   * The execute step of a statement: continues the execution its prepare-and-execute started (keeping a
   * cancel that came while it planned), or starts one (a prepared statement run again).
   */
  public QueryContext execute(AtomicBoolean cancelFlag, long timeoutMillis, Optional<String> sql) {
    Running r = running.get(cancelFlag);
    if (r != null && r.planned().compareAndSet(true, false)) {
      return r.context();
    }
    return start(cancelFlag, timeoutMillis, sql, false);
  }

  private QueryContext start(AtomicBoolean cancelFlag, long timeoutMillis, Optional<String> sql, boolean planned) {
    finish(cancelFlag);
    cancelFlag.set(false);
    QueryContext context = new QueryContext(cancelFlag, timeoutMillis);
    Optional<ScheduledFuture<?>> timer = timeoutMillis > 0
        ? Optional.of(after(timeoutMillis, context::timeout))
        : Optional.empty();
    running.put(cancelFlag, new Running(context, timer, sql, Instant.now(), System.nanoTime(),
        new AtomicBoolean(planned)));
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

  /** Ends the statement's execution {@code context} (its result set ended or closed), if it still runs. */
  public void finish(AtomicBoolean cancelFlag, QueryContext context) {
    Running r = running.get(cancelFlag);
    if (r != null && r.context() == context) {
      finish(cancelFlag);
    }
  }

  /** Ends the statement's current execution, closing its readers and recording it. */
  public void finish(AtomicBoolean cancelFlag) {
    Running r = running.remove(cancelFlag);
    if (r != null) {
      r.timer().ifPresent(t -> t.cancel(false));
      r.context().finish();
      r.sql().ifPresent(sql -> history.add(new QueryRecord(history.nextId(), r.started(),
          (System.nanoTime() - r.startedNanos()) / 1e6, sql, r.context().activities())));
    }
  }

  @Override
  public void close() {
    running.keySet().forEach(this::finish);
  }
}
