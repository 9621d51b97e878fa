package io.xsql.stream;

import java.util.Optional;

/**
 * The messages of one scan, from one broker connection: a bounded reader hands out what the stream or queue
 * held when it opened, then {@link #finished()}; an unbounded one waits for messages until closed. Used by
 * one thread, except {@link #close()}, which another thread may call to end a read that waits.
 */
interface StreamReader extends AutoCloseable {

  /** The next message, waiting at most {@code millis}; empty when none came in that time. */
  Optional<StreamMessage> poll(long millis);

  /** Whether a bounded read has handed out everything it is to read; never true for an unbounded one. */
  boolean finished();

  /**
   * Settles the message {@link #poll} returned last, now handed to the query (or set aside by
   * {@code on_error}): acked, where the broker keeps unacked messages for redelivery.
   */
  void acknowledge();

  /**
   * For a continuous read whose connection was lost (and that is closed): a reader on a new connection that
   * goes on after the last message {@link #acknowledge acknowledged}, never handing out one of those again.
   * Fails as opening does: 08001 while the broker cannot be reached.
   */
  StreamReader resume();

  /** Releases the consumer and the connection; messages taken but not acknowledged go back to the broker. */
  @Override
  void close();
}
