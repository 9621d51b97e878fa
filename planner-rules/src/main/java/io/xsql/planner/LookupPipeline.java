package io.xsql.planner;

import io.xsql.spi.DaemonThreads;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A lookup join's batches in flight, oldest first: each is fetched while the one before it is joined, so
 * that the database works on the next batch while the engine matches the current one (10,000 keys into
 * PostgreSQL in 3 batches: each waited about 15 ms for its statement, one after the other). A fetch reads
 * its rows whole and closes its statement before it ends, so no connection outlives it; closing the
 * pipeline stops the fetches between rows and waits for them, so that none runs on after the join.
 */
final class LookupPipeline implements AutoCloseable {
  /** Threads made as fetches need them and kept a minute; at most {@code ahead} per running join. */
  private static final ExecutorService FETCHES = Executors.newCachedThreadPool(
      DaemonThreads.named("xsql-lookup-fetch"));
  /** How long a wait for a fetch lasts before it checks for a cancel. */
  private static final long POLL_MILLIS = 100;

  /**
   * A batch of outer rows and its inner rows, which come when its fetch is done.
   *
   * @param rows the outer rows
   * @param keys their join keys ({@link JoinKeys#of}), in the same order
   * @param inner the batch's inner rows by normalized key
   */
  record Batch(List<Object[]> rows, List<Object> keys, CompletableFuture<Map<Object, List<Object[]>>> inner) {}

  private final int ahead;
  private final Executor executor;
  private final QueryContext context;
  private final Deque<Batch> batches = new ArrayDeque<>();
  private volatile boolean closed;

  /**
   * A pipeline fetching up to {@code ahead} batches while one is joined; with 0 each batch is fetched on the
   * join's thread when it is asked for.
   */
  LookupPipeline(int ahead, QueryContext context) {
    this.ahead = ahead;
    this.executor = ahead == 0 ? Runnable::run : FETCHES;
    this.context = context;
  }

  /** Whether the join should read and submit another batch: fewer than the current one and those ahead are in. */
  boolean wantsMore() {
    return batches.size() <= ahead;
  }

  /** Starts fetching a batch's inner rows; {@code fetch} gets whether the pipeline was closed meanwhile. */
  void submit(List<Object[]> rows, List<Object> keys, Function<BooleanSupplier, Map<Object, List<Object[]>>> fetch) {
    BooleanSupplier stopped = () -> closed;
    batches.add(new Batch(rows, keys, CompletableFuture.supplyAsync(() -> fetch.apply(stopped), executor)));
  }

  /** The oldest batch, once its inner rows are in; empty when none is in flight. */
  Optional<Batch> next() {
    // Left in the queue until it is in, so that closing after a cancel waits for it too.
    Batch batch = batches.peek();
    if (batch == null) {
      return Optional.empty();
    }
    while (true) {
      try {
        batch.inner().get(POLL_MILLIS, TimeUnit.MILLISECONDS);
        batches.poll();
        return Optional.of(batch);
      } catch (TimeoutException e) {
        if (context.mustStop()) {
          throw context.interruption();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw context.interruption();
      } catch (ExecutionException e) {
        throw rethrown(e.getCause());
      }
    }
  }

  /** Stops the fetches in flight between rows and waits for them; their rows and errors are dropped. */
  @Override
  public void close() {
    closed = true;
    for (Batch b : batches) {
      try {
        b.inner().join();
      } catch (CompletionException e) {
        // The join is over: nobody reads this batch's rows or its error.
      }
    }
    batches.clear();
  }

  private static RuntimeException rethrown(Throwable cause) {
    if (cause instanceof CompletionException c && c.getCause() != null) {
      return rethrown(c.getCause());
    }
    if (cause instanceof RuntimeException r) {
      return r;
    }
    if (cause instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(cause);
  }
}
