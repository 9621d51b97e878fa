package io.xsql.driver;

import io.xsql.planner.QueryContext;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.SourceException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The planning of a statement on this thread. Calcite's planners see only the prepare context and stop
 * only when the cancel flag they were built with goes up, which they check between rule calls; this
 * raises that flag when the statement is canceled or times out, or when planning runs past its budget,
 * so that planning never runs on for minutes holding the statement and a core.
 *
 * <pre>{@code
 * Planning planning = Planning.start(query, budget);
 * try { ...prepare... } catch (SQLException | RuntimeException e) { throw planning.explain(e); }
 * finally { planning.close(); }
 * }</pre>
 */
public final class Planning implements AutoCloseable {
  private static final ThreadLocal<Planning> CURRENT = new ThreadLocal<>();

  private final AtomicBoolean flag = new AtomicBoolean();
  private final Optional<QueryContext> query;
  private final Duration budget;
  private final Optional<AutoCloseable> onCancel;
  private final ScheduledFuture<?> timer;
  private final Planning outer;
  private volatile boolean overBudget;

  private Planning(Optional<QueryContext> query, Duration budget) {
    this.query = query;
    this.budget = budget;
    this.onCancel = query.map(q -> q.onCancel(() -> flag.set(true)));
    this.timer = QueryRegistry.after(budget.toMillis(), this::expire);
    this.outer = CURRENT.get();
    CURRENT.set(this);
  }

  /**
   * Starts guarding the planning done on this thread until {@link #close()}.
   *
   * @param query the execution being prepared, if there is one (a plain statement's execute)
   * @param budget how long planning may take
   */
  public static Planning start(Optional<QueryContext> query, Duration budget) {
    return new Planning(query, budget);
  }

  /** The cancel flag for a planner built on this thread now: the guarded statement's, or a fresh one. */
  static AtomicBoolean cancelFlag() {
    return Optional.ofNullable(CURRENT.get()).map(p -> p.flag).orElseGet(AtomicBoolean::new);
  }

  /**
   * The error a failed preparation ends with: {@link ErrorCode#TOO_COMPLEX} if the budget stopped the
   * planner (and nobody canceled the query), else {@code e} itself.
   */
  public Exception explain(Exception e) {
    if (!overBudget || query.map(QueryContext::isCanceled).orElse(false)) {
      return e;
    }
    return XsqlErrors.translate(new SourceException(ErrorCode.TOO_COMPLEX, "planning the query took longer than "
        + budget.toMillis() / 1000.0 + " s (connection setting " + ConnectionSettings.PLANNING_TIMEOUT
        + "); simplify the query or raise the setting", e));
  }

  private void expire() {
    overBudget = true;
    flag.set(true);
  }

  @Override
  public void close() {
    CURRENT.set(outer);
    timer.cancel(false);
    onCancel.ifPresent(registration -> {
      try {
        registration.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
