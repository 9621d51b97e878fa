package io.xsql.stream;

import io.xsql.spi.ErrorCode;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanContext;
import io.xsql.spi.SourceException;
import java.util.Optional;

/**
 * The rows of one scan of a stream table. The broker is reached on the first {@link #next()}. A read that
 * waits for messages wakes every {@link #POLL_MILLIS} to notice a cancel, a timeout or a close from another
 * thread, so that a continuous query ends promptly and releases its consumer.
 */
final class StreamCursor implements RowCursor {
  /** How long one wait for a message lasts: the longest a cancel or close waits to be noticed. */
  static final long POLL_MILLIS = 100;

  private final StreamBroker broker;
  private final boolean unbounded;
  private final StreamRows rows;
  private final ScanContext context;
  private volatile boolean closed;
  private StreamReader reader;
  private Object[] current;
  private String position = "";

  StreamCursor(StreamBroker broker, boolean unbounded, StreamRows rows, ScanContext context) {
    this.broker = broker;
    this.unbounded = unbounded;
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
      Optional<StreamMessage> message = messages.poll(POLL_MILLIS);
      if (message.isPresent()) {
        position = message.get().position();
        Optional<Object[]> row = rows.decode(message.get());
        messages.acknowledge();
        if (row.isPresent()) {
          current = row.get();
          return true;
        }
      }
    }
    return false;
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
