package io.xsql.planner;

import io.xsql.spi.DaemonThreads;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.linq4j.Enumerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream operator's input, read on a thread of its own into a short queue: the operator must wake when no
 * event comes, while a stream's cursor waits in {@code moveNext()} until the next event. A windowed
 * aggregate wakes to advance an idle stream's watermark by the clock and to notice a cancel; a lookup join
 * to look up a batch whose first row has waited long enough.
 */
final class StreamInput implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamInput.class);
  /** Rows read ahead at most: enough to smooth bursts, few enough to bound memory. */
  private static final int CAPACITY = 1024;
  private static final Object END = new Object();

  /** A failure of the input, handed to the aggregate's thread. */
  private record Failure(RuntimeException e) {}

  private final Enumerator<Object[]> rows;
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final Thread reader;
  private volatile boolean closed;
  private boolean ended;

  /**
   * Starts reading.
   *
   * @param thread the reading thread's name ({@code xsql-window clicks})
   */
  StreamInput(Enumerator<Object[]> rows, String thread) {
    this.rows = rows;
    this.reader = DaemonThreads.named(thread).newThread(this::read);
    reader.start();
  }

  private void read() {
    try {
      while (rows.moveNext()) {
        queue.put(rows.current());
      }
      queue.put(END);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (!closed) {
        queue.offer(new Failure(e));
      }
    }
  }

  /**
   * The next row, or empty if none came within {@code millis} or the input ended ({@link #ended()}).
   * Rethrows the input's failure.
   */
  Optional<Object[]> poll(long millis) {
    Object item;
    try {
      item = queue.poll(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    if (item instanceof Failure f) {
      throw f.e();
    }
    if (item == END) {
      ended = true;
      return Optional.empty();
    }
    return Optional.ofNullable((Object[]) item);
  }

  boolean ended() {
    return ended;
  }

  /** Closes the input (which ends a stream cursor's wait) and stops the reading thread. */
  @Override
  public void close() {
    closed = true;
    try {
      rows.close();
    } finally {
      reader.interrupt();
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
