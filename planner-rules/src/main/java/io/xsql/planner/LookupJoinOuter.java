package io.xsql.planner;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.linq4j.Enumerator;

/**
 * A lookup join's outer rows, read a batch at a time. A table's rows fill a batch as fast as they come; a
 * stream's are micro-batches: the batch is looked up once it is full or once its first row has waited the
 * stream's {@code max_delay}, so that a stream of three events a minute is enriched as the events come.
 */
abstract sealed class LookupJoinOuter implements AutoCloseable {
  /** How long a stream's read waits at most before it checks for a cancel. */
  private static final long POLL_MILLIS = 100;

  /** The rows of a table (or any input that ends), read on the join's thread. */
  static LookupJoinOuter of(Enumerator<Object[]> rows) {
    return new Plain(rows);
  }

  /** The rows of a stream, read on a thread of their own so that a batch can be cut short. */
  static LookupJoinOuter stream(Enumerator<Object[]> rows, Duration maxDelay, QueryContext context) {
    return new Timed(new StreamInput(rows, "xsql-lookup-join"), maxDelay, context);
  }

  /** Adds up to {@code size} rows to the empty {@code batch}; false once the outer side has ended. */
  abstract boolean fill(List<Object[]> batch, int size);

  @Override
  public abstract void close();

  private static final class Plain extends LookupJoinOuter {
    private final Enumerator<Object[]> rows;

    Plain(Enumerator<Object[]> rows) {
      this.rows = rows;
    }

    @Override
    boolean fill(List<Object[]> batch, int size) {
      while (batch.size() < size) {
        if (!rows.moveNext()) {
          return false;
        }
        batch.add(rows.current());
      }
      return true;
    }

    @Override
    public void close() {
      rows.close();
    }
  }

  private static final class Timed extends LookupJoinOuter {
    private final StreamInput input;
    private final long maxDelayNanos;
    private final QueryContext context;

    Timed(StreamInput input, Duration maxDelay, QueryContext context) {
      this.input = input;
      this.maxDelayNanos = maxDelay.toNanos();
      this.context = context;
    }

    @Override
    boolean fill(List<Object[]> batch, int size) {
      long deadline = 0;
      while (batch.size() < size) {
        long wait = batch.isEmpty() ? POLL_MILLIS
            : Math.min(POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        // Past the deadline, the rows already queued still join the batch; none is waited for.
        Optional<Object[]> row = input.poll(Math.max(0, wait));
        if (row.isPresent()) {
          if (batch.isEmpty()) {
            deadline = System.nanoTime() + maxDelayNanos;
          }
          batch.add(row.get());
        } else if (input.ended()) {
          return false;
        } else if (!batch.isEmpty() && wait <= 0) {
          return true;
        } else if (context.mustStop()) {
          throw context.interruption();
        }
      }
      return true;
    }

    @Override
    public void close() {
      input.close();
    }
  }
}
