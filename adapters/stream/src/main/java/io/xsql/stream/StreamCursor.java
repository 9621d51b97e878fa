package io.xsql.stream;

import io.xsql.spi.ErrorCode;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanContext;
import io.xsql.spi.SourceException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of one scan of a stream table. The broker is reached on the first {@link #next()}. A read that
 * waits for messages wakes every {@link #POLL_MILLIS} to notice a cancel, a timeout or a close from another
 * thread, so that a continuous query ends promptly and releases its consumer. A continuous read whose
 * connection is lost connects again, within the source's {@code reconnect} budget, and goes on after the last
 * message it handed out ({@link StreamReader#resume()}); past the budget it fails with 08006.
 */
final class StreamCursor implements RowCursor {
  private static final Logger LOG = LoggerFactory.getLogger(StreamCursor.class);
  /** How long one wait for a message lasts: the longest a cancel or close waits to be noticed. */
  static final long POLL_MILLIS = 100;
  /** How long to wait between attempts to connect again: a restarting broker needs a moment. */
  private static final long RETRY_MILLIS = 500;

  private final StreamBroker broker;
  private final boolean unbounded;
  private final Duration reconnect;
  private final StreamRows rows;
  private final ScanContext context;
  private volatile boolean closed;
  private StreamReader reader;
  private Object[] current;
  private String position = "";

  StreamCursor(StreamBroker broker, boolean unbounded, Duration reconnect, StreamRows rows, ScanContext context) {
    this.broker = broker;
    this.unbounded = unbounded;
    this.reconnect = reconnect;
    this.rows = rows;
    this.context = context;
  }

  @Override
  public boolean next() {
    while (!closed) {
      if (context.isCanceled()) {
        throw new SourceException(ErrorCode.CANCELED, broker.where() + ": the query was canceled");
      }
      StreamReader messages = open();
      if (messages.finished()) {
        rows.report(context);
        return false;
      }
      Optional<Object[]> row;
      try {
        row = read(messages);
      } catch (SourceException e) {
        if (!unbounded || closed || e.code() != ErrorCode.CONNECTION_LOST) {
          throw e;
        }
        reconnect(messages, e);
        continue;
      }
      if (row.isPresent()) {
        current = row.get();
        return true;
      }
    }
    return false;
  }

  /** The next message's row, acknowledged; empty when none came or {@code on_error} set it aside. */
  private Optional<Object[]> read(StreamReader messages) {
    Optional<StreamMessage> message = messages.poll(POLL_MILLIS);
    if (message.isEmpty()) {
      return Optional.empty();
    }
    position = message.get().position();
    Optional<Object[]> row = rows.decode(message.get());
    messages.acknowledge();
    return row;
  }

  /**
   * Replaces a reader whose connection was lost by one that resumes after it, trying every
   * {@link #RETRY_MILLIS} until the {@code reconnect} budget is spent, then failing with 08006.
   */
  private void reconnect(StreamReader lost, SourceException cause) {
    lost.close();
    long deadline = System.nanoTime() + reconnect.toNanos();
    LOG.info("{}: the connection was lost; connecting again for up to {} ms", broker.where(), reconnect.toMillis());
    SourceException last = cause;
    while (System.nanoTime() - deadline < 0) {
      pause(Math.min(RETRY_MILLIS, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      try {
        replace(lost.resume());
        LOG.info("{}: connected again", broker.where());
        return;
      } catch (SourceException e) {
        if (e.code() != ErrorCode.CONNECT && e.code() != ErrorCode.CONNECTION_LOST) {
          throw e;
        }
        last = e;
      }
    }
    throw new SourceException(ErrorCode.CONNECTION_LOST, broker.where() + ": the connection was lost and could not"
        + " be made again within " + reconnect.toMillis() + " ms (reconnect)", last);
  }

  /** Waits, in steps that notice a cancel or a close. */
  private void pause(long millis) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() - end < 0) {
      if (context.isCanceled()) {
        throw new SourceException(ErrorCode.CANCELED, broker.where() + ": the query was canceled");
      }
      if (closed) {
        return;
      }
      try {
        Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SourceException(ErrorCode.CANCELED, broker.where() + ": interrupted while connecting again", e);
      }
    }
  }

  /** Makes a resumed reader the cursor's; one made while the cursor was being closed is closed again. */
  private synchronized void replace(StreamReader resumed) {
    reader = resumed;
    if (closed) {
      resumed.close();
    }
  }

  /** The reader, opened on first use; one opened while the cursor was being closed is closed again. */
  private synchronized StreamReader open() {
    if (reader == null) {
      reader = broker.open(unbounded);
      if (closed) {
        reader.close();
      }
    }
    return reader;
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public String position() {
    return broker.where() + (position.isEmpty() ? "" : ", " + position);
  }

  /** May run on another thread than {@link #next()}, which then ends within {@link #POLL_MILLIS}. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    rows.report(context);
    if (reader != null) {
      reader.close();
    }
  }
}
