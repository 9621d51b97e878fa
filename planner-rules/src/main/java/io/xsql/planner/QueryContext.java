package io.xsql.planner;

import io.xsql.spi.ErrorCode;
import io.xsql.spi.ScanContext;
import io.xsql.spi.SourceActivity;
import io.xsql.spi.SourceException;
import io.xsql.spi.SourceOperation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.calcite.DataContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one query execution that scans share: the cancel flag, the timeout, actions that
 * interrupt blocked reads, and the warnings that end up on the ResultSet.
 *
 * <p>The driver creates one per execution and puts it into the {@link DataContext} under {@link #KEY};
 * plain Calcite connections get one built from Calcite's own cancel flag.
 */
public final class QueryContext implements ScanContext {
  /** The DataContext variable holding the execution's context. */
  public static final String KEY = ScanContext.KEY;

  private static final Logger LOG = LoggerFactory.getLogger(QueryContext.class);

  private final AtomicBoolean cancelFlag;
  private final long timeoutMillis;
  /** {@link System#nanoTime()} when the timeout runs out; meaningless without a timeout. */
  private final long deadlineNanos;
  private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final Map<Object, Supplier<String>> summaries = new LinkedHashMap<>();
  private final List<AutoCloseable> open = new ArrayList<>();
  private final Map<Object, Object> shared = new ConcurrentHashMap<>();
  /** What the query asked of its sources, in the order first asked. */
  private final Map<SourceOperation, ActivityCounter> activities = Collections.synchronizedMap(new LinkedHashMap<>());
  private volatile boolean timedOut;

  /**
   * Creates a context.
   *
   * @param cancelFlag the statement's cancel flag, which the JDBC layer checks between rows too
   * @param timeoutMillis the query timeout, 0 for none (reported in the timeout message)
   */
  public QueryContext(AtomicBoolean cancelFlag, long timeoutMillis) {
    this.cancelFlag = cancelFlag;
    this.timeoutMillis = timeoutMillis;
    this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
  }

  /** The context of the execution a DataContext belongs to. */
  public static QueryContext of(DataContext root) {
    if (root.get(KEY) instanceof QueryContext context) {
      return context;
    }
    AtomicBoolean flag = DataContext.Variable.CANCEL_FLAG.get(root);
    return new QueryContext(flag == null ? new AtomicBoolean() : flag, 0);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T shared(Object key, Supplier<T> create) {
    return (T) shared.computeIfAbsent(key, k -> create.get());
  }

  @Override
  public OptionalLong millisLeft() {
    return timeoutMillis == 0 ? OptionalLong.empty()
        : OptionalLong.of(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
  }

  /** Cancels the query: raises the flag and interrupts blocked reads. */
  public void cancel() {
    if (cancelFlag.compareAndSet(false, true)) {
      for (Runnable action : onCancel) {
        try {
          action.run();
        } catch (RuntimeException e) {
          LOG.warn("An action interrupting a canceled read failed", e);
        }
      }
    }
  }

  /** Cancels the query because it ran past its timeout. */
  public void timeout() {
    timedOut = true;
    cancel();
  }

  /** Whether the cancellation came from the timeout. */
  public boolean timedOut() {
    return timedOut;
  }

  @Override
  public boolean isCanceled() {
    return cancelFlag.get();
  }

  /**
   * Whether a loop waiting for rows must end with {@link #interruption()}: the query is canceled, or the
   * thread running it was interrupted (each wait would then return at once, and the loop spin).
   */
  public boolean mustStop() {
    return isCanceled() || Thread.currentThread().isInterrupted();
  }

  @Override
  public AutoCloseable onCancel(Runnable action) {
    onCancel.add(action);
    if (isCanceled()) {
      action.run();
    }
    return () -> onCancel.remove(action);
  }

  @Override
  public void warn(String message) {
    synchronized (warnings) {
      warnings.add(message);
    }
  }

  @Override
  public SourceActivity activity(SourceOperation operation) {
    return activities.computeIfAbsent(operation, ActivityCounter::new);
  }

  /** The counters of what the query asked of its sources, as they stand. */
  public List<OperationCount> activities() {
    synchronized (activities) {
      return activities.values().stream().map(ActivityCounter::count).toList();
    }
  }

  @Override
  public void summary(Object key, Supplier<String> line) {
    synchronized (warnings) {
      summaries.putIfAbsent(key, line);
    }
  }

  /** The warnings so far, oldest first, then the summaries as they stand now. */
  public List<String> warnings() {
    List<String> out;
    List<Supplier<String>> lines;
    synchronized (warnings) {
      out = new ArrayList<>(warnings);
      lines = List.copyOf(summaries.values());
    }
    lines.forEach(line -> out.add(line.get()));
    return out;
  }

  /** Registers a reader to close when the execution ends, in case the operator above never does. */
  void closeAtEnd(AutoCloseable reader) {
    synchronized (open) {
      open.add(reader);
    }
  }

  /** Ends the execution: closes every reader still open (closing is idempotent). */
  public void finish() {
    List<AutoCloseable> readers;
    synchronized (open) {
      readers = List.copyOf(open);
      open.clear();
    }
    for (AutoCloseable r : readers) {
      try {
        r.close();
      } catch (Exception e) {
        LOG.warn("Closing a reader at the end of a query failed", e);
      }
    }
  }

  /** The error that ends a canceled query. */
  public SourceException interruption() {
    if (timedOut) {
      return new SourceException(ErrorCode.TIMEOUT,
          "query timed out after " + timeoutMillis / 1000.0 + " s");
    }
    return new SourceException(ErrorCode.CANCELED, "query canceled");
  }
}
