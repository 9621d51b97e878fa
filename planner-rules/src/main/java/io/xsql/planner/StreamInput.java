package io.xsql.planner;

import io.xsql.spi.DaemonThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.linq4j.Enumerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream operator's inputs, each read on a thread of its own into one short queue: the operator must wake
 * when no event comes, while a stream's cursor waits in {@code moveNext()} until the next event. A windowed
 * aggregate wakes to advance an idle stream's watermark by the clock and to notice a cancel; a lookup join
 * to look up a batch whose first row has waited long enough; a window join takes the events of its two
 * streams in the order they come.
 */
final class StreamInput implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamInput.class);
  /** Rows read ahead at most: enough to smooth bursts, few enough to bound memory. */
  private static final int CAPACITY = 1024;

  /** A row of input {@code input} (its index among the inputs). */
  record Arrival(int input, Object[] row) {}

  /** A failure of an input, handed to the operator's thread. */
  private record Failure(RuntimeException e) {}

  /** The end of input {@code input}. */
  private record End(int input) {}

  private final List<Enumerator<Object[]>> inputs;
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final List<Thread> readers = new ArrayList<>();
  private final boolean[] ended;
  private int running;
  private volatile boolean closed;

  /**
   * Starts reading one input.
   *
   * @param thread the reading thread's name ({@code xsql-window clicks})
   */
  StreamInput(Enumerator<Object[]> rows, String thread) {
    this(List.of(rows), List.of(thread));
  }

  /** Starts reading each input on a thread of its own, named by {@code threads}. */
  StreamInput(List<Enumerator<Object[]>> inputs, List<String> threads) {
    this.inputs = List.copyOf(inputs);
    this.ended = new boolean[inputs.size()];
    this.running = inputs.size();
    for (int i = 0; i < inputs.size(); i++) {
      int input = i;
      readers.add(DaemonThreads.named(threads.get(i)).newThread(() -> read(input)));
    }
    readers.forEach(Thread::start);
  }

  private void read(int input) {
    Enumerator<Object[]> rows = inputs.get(input);
    // One input's rows go in bare, as most operators read one: no wrapper per row.
    boolean tagged = inputs.size() > 1;
    try {
      while (rows.moveNext()) {
        queue.put(tagged ? new Arrival(input, rows.current()) : rows.current());
      }
      queue.put(new End(input));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (!closed) {
        queue.offer(new Failure(e));
      }
    }
  }

  /**
   * The next row, or empty if none came within {@code millis} or an input ended ({@link #ended()}).
   * Rethrows an input's failure.
   */
  Optional<Object[]> poll(long millis) {
    Object item = take(millis);
    return item instanceof Arrival a ? Optional.of(a.row()) : Optional.ofNullable((Object[]) item);
  }

  /** The next row and the input it came from, as {@link #poll} takes it. */
  Optional<Arrival> next(long millis) {
    Object item = take(millis);
    return item == null || item instanceof Arrival ? Optional.ofNullable((Arrival) item)
        : Optional.of(new Arrival(0, (Object[]) item));
  }

  /** The next row as queued, null if none came: this runs per event, so without a wrapper of its own. */
  private Object take(long millis) {
    Object item;
    try {
      item = queue.poll(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    if (item instanceof Failure f) {
      throw f.e();
    }
    if (item instanceof End end) {
      ended[end.input()] = true;
      running--;
      return null;
    }
    return item;
  }

  /** Whether every input has ended. */
  boolean ended() {
    return running == 0;
  }

  /** Whether input {@code input} has ended. */
  boolean ended(int input) {
    return ended[input];
  }

  /** Closes the inputs (which ends a stream cursor's wait) and stops the reading threads. */
  @Override
  public void close() {
    closed = true;
    try {
      closeInputs(0);
    } finally {
      readers.forEach(Thread::interrupt);
      for (Thread reader : readers) {
        try {
          reader.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        if (reader.isAlive()) {
          LOG.warn("The input read by thread {} did not stop within 1 s of being closed", reader.getName());
        }
      }
    }
  }

  /** Closes the inputs from {@code first} on, each even if one before it fails. */
  private void closeInputs(int first) {
    if (first < inputs.size()) {
      try {
        inputs.get(first).close();
      } finally {
        closeInputs(first + 1);
      }
    }
  }
}
