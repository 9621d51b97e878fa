package io.xsql.stream;

import io.nats.client.BaseConsumerContext;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.IterableConsumer;
import io.nats.client.MessageConsumer;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamOptions;
import io.nats.client.JetStreamStatusCheckedException;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.StreamContext;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.OrderedConsumerConfiguration;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.SourceException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scan's consumer of a JetStream stream, on a connection of its own: an ordered (ephemeral, unacked)
 * consumer, or the catalog's durable one, whose messages are acked as they are handed to the query. A
 * continuous read iterates the consumer; a bounded one fetches batches without waiting ({@code no_wait}),
 * which the server answers with what it holds, and ends at an empty batch or at the stream's last sequence
 * when it opened.
 */
final class NatsReader implements StreamReader {
  private static final Logger LOG = LoggerFactory.getLogger(NatsReader.class);

  /** How long connecting may take: a server that is down fails the query, never hangs it. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  /**
   * How long a JetStream API request (the stream's info, creating the consumer) may take, past the client's
   * default of 2 s: nats-server 2.9.10 took 16 s to create a consumer on a stream of 10,000,000 messages in
   * memory while the machine was busy (the streams benchmark). A server that is down still fails within
   * {@link #CONNECT_TIMEOUT}, and one without JetStream answers at once that nothing responds.
   */
  static final Duration API_TIMEOUT = Duration.ofSeconds(60);

  /** JetStream's API error code for a stream that does not exist. */
  private static final int STREAM_NOT_FOUND = 10059;

  /** Messages per fetch of a bounded read. */
  private static final int BATCH = 256;

  private final NatsConfig config;
  private final Connection connection;
  private final BaseConsumerContext consumer;
  /** What the current read comes from: the iteration, or the bounded read's current batch. */
  private MessageConsumer messages;
  /** Messages the current batch of a bounded read gave so far. */
  private int batchCount;
  private final boolean unbounded;
  private final boolean durable;
  /** The stream's last sequence when the read started: where a bounded read ends. */
  private final long lastSequence;
  private final String where;
  private volatile boolean closed;
  private boolean finished;
  private Message last;
  /**
   * The stream sequence of the last message handed to the query: a resumed read starts after it, and skips
   * what a durable consumer delivers again up to it (a message whose ack the lost connection dropped).
   */
  private long handedThrough;

  private NatsReader(NatsConfig config, Connection connection, BaseConsumerContext consumer, boolean unbounded,
      long lastSequence, String where, long handedThrough) throws IOException, JetStreamApiException {
    this.config = config;
    this.connection = connection;
    this.consumer = consumer;
    this.unbounded = unbounded;
    this.durable = config.durable().isPresent();
    this.lastSequence = lastSequence;
    this.where = where;
    this.handedThrough = handedThrough;
    this.finished = !unbounded && lastSequence == 0;
    this.messages = unbounded ? consumer.iterate() : fetch();
  }

  private FetchConsumer fetch() throws IOException, JetStreamApiException {
    batchCount = 0;
    return consumer.fetch(FetchConsumeOptions.builder().maxMessages(BATCH).noWait().build());
  }

  static NatsReader open(NatsConfig config, boolean unbounded, String where) {
    return open(config, unbounded, where, 0);
  }

  /**
   * Opens a read; one that resumes after {@code handedThrough} (a stream sequence, 0 for none) starts an
   * ordered consumer right after it, and a durable one where the server kept it.
   */
  private static NatsReader open(NatsConfig config, boolean unbounded, String where, long handedThrough) {
    Connection connection = connect(config, where);
    try {
      StreamContext stream = connection.getStreamContext(config.stream(),
          JetStreamOptions.builder().requestTimeout(API_TIMEOUT).build());
      long lastSequence = stream.getStreamInfo().getStreamState().getLastSequence();
      BaseConsumerContext consumer = config.durable().isPresent()
          ? stream.createOrUpdateConsumer(durable(config))
          : stream.createOrderedConsumer(ordered(config, handedThrough));
      return new NatsReader(config, connection, consumer, unbounded, lastSequence, where, handedThrough);
    } catch (JetStreamApiException e) {
      closeQuietly(connection);
      if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
        throw new SourceException(ErrorCode.UNKNOWN_TABLE, where + ": NATS has no stream '" + config.stream()
            + "' at " + config.address(), e);
      }
      throw new SourceException(ErrorCode.INTERNAL, where + ": JetStream refused the read: "
          + e.getErrorDescription(), e);
    } catch (IOException e) {
      closeQuietly(connection);
      throw new SourceException(ErrorCode.CONNECT, where + ": JetStream does not answer at " + config.address()
          + " (is the server started with -js?)", e);
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  private static Connection connect(NatsConfig config, String where) {
    Options options = new Options.Builder().server(config.url()).connectionTimeout(CONNECT_TIMEOUT)
        .noReconnect().connectionName("xsql " + config.messages().source()).errorListener(new ErrorListener() {
          // The client's own listener logs its server's URL, which may hold a password.
          @Override
          public void errorOccurred(Connection connection, String error) {
            LOG.debug("{}: the server reported: {}", where, error);
          }

          @Override
          public void exceptionOccurred(Connection connection, Exception e) {
            LOG.debug("{}: the client failed: {}", where, e.getClass().getName());
          }
        }).build();
    try {
      return Nats.connect(options);
    } catch (IOException e) {
      // The client's message names the server by its URL, which may hold a password: the cause is chained
      // with the address in its place.
      IOException cause = new IOException(String.valueOf(e.getMessage()).replace(config.url(), config.address()),
          e.getCause());
      cause.setStackTrace(e.getStackTrace());
      throw new SourceException(ErrorCode.CONNECT, where + ": cannot connect to NATS at " + config.address(),
          cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException(ErrorCode.CANCELED, where + ": interrupted while connecting", e);
    }
  }

  private static OrderedConsumerConfiguration ordered(NatsConfig config, long handedThrough) {
    OrderedConsumerConfiguration c = new OrderedConsumerConfiguration();
    if (handedThrough > 0) {
      c.deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(handedThrough + 1);
    } else {
      c.deliverPolicy(config.start().policy());
      config.start().time().ifPresent(c::startTime);
    }
    config.subject().ifPresent(c::filterSubject);
    return c;
  }

  private static ConsumerConfiguration durable(NatsConfig config) {
    ConsumerConfiguration.Builder b = ConsumerConfiguration.builder().durable(config.durable().orElseThrow())
        .ackPolicy(AckPolicy.Explicit).deliverPolicy(config.start().policy());
    config.subject().ifPresent(b::filterSubject);
    config.start().time().ifPresent(b::startTime);
    return b.build();
  }

  @Override
  public Optional<StreamMessage> poll(long millis) {
    if (finished) {
      return Optional.empty();
    }
    Message m;
    try {
      m = next(millis);
    } catch (IOException | JetStreamApiException e) {
      if (closed) {
        return Optional.empty();
      }
      throw new SourceException(ErrorCode.CONNECTION_LOST, where + ": fetching messages failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException(ErrorCode.CANCELED, where + ": interrupted while waiting for a message", e);
    } catch (JetStreamStatusCheckedException | IllegalStateException e) {
      if (closed) {
        return Optional.empty();
      }
      throw new SourceException(ErrorCode.CONNECTION_LOST, where + ": the consumer failed", e);
    }
    if (m == null) {
      if (!unbounded) {
        finished = true;
        return Optional.empty();
      }
      if (!closed && connection.getStatus() == Connection.Status.CLOSED) {
        throw new SourceException(ErrorCode.CONNECTION_LOST, where + ": the connection to NATS was lost");
      }
      return Optional.empty();
    }
    long sequence = m.metaData().streamSequence();
    if (sequence <= handedThrough) {
      // Delivered again after a reconnect, though the query has it: settled, not handed out twice.
      if (durable) {
        m.ack();
      }
      return Optional.empty();
    }
    if (!unbounded && sequence > lastSequence) {
      // Published after the query started: not part of what it reads, and left for the next reader.
      finished = true;
      if (durable) {
        m.nak();
      }
      return Optional.empty();
    }
    finished = !unbounded && (sequence >= lastSequence || m.metaData().pendingCount() == 0);
    last = m;
    return Optional.of(new StreamMessage(m.getData(), sequence, "sequence " + sequence));
  }

  /**
   * The next message: of the iteration, waiting at most {@code millis}; of a bounded read, from the current
   * batch or a new one, null once a batch comes back empty.
   */
  private Message next(long millis) throws IOException, JetStreamApiException, InterruptedException,
      JetStreamStatusCheckedException {
    if (unbounded) {
      return ((IterableConsumer) messages).nextMessage(millis);
    }
    Message m = ((FetchConsumer) messages).nextMessage();
    if (m == null && batchCount == BATCH) {
      messages = fetch();
      m = ((FetchConsumer) messages).nextMessage();
    }
    if (m != null) {
      batchCount++;
    }
    return m;
  }

  @Override
  public boolean finished() {
    return finished;
  }

  @Override
  public void acknowledge() {
    if (last == null) {
      return;
    }
    try {
      if (durable) {
        last.ack();
      }
      handedThrough = last.metaData().streamSequence();
    } catch (IllegalStateException e) {
      if (!closed) {
        throw new SourceException(ErrorCode.CONNECTION_LOST, where + ": acking a message failed", e);
      }
    } finally {
      last = null;
    }
  }

  @Override
  public StreamReader resume() {
    return open(config, true, where, handedThrough);
  }

  @Override
  public void close() {
    closed = true;
    try {
      messages.close();
    } catch (Exception e) {
      LOG.debug("{}: closing the consumer failed", where, e);
    }
    closeQuietly(connection);
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
