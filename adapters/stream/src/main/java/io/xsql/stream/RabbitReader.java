package io.xsql.stream;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import io.xsql.spi.DaemonThreads;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.SourceException;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scan's reader of a RabbitMQ queue, on a connection and channel of its own, with manual acks: a
 * message is acked when it is handed to the query, and one taken but not handed out goes back to the queue
 * when the channel closes (cancel, close, timeout), so a query that ends early loses nothing.
 *
 * <p>Consuming from a queue takes the messages away, so a bounded read (a query without STREAM) takes the
 * messages ready when it opens, one {@code basic.get} each, and no more: those it hands out are gone from
 * the queue, as for any consumer; later messages stay for the next reader. A continuous read consumes with
 * {@code prefetch} messages in flight.
 */
final class RabbitReader implements StreamReader {
  private static final Logger LOG = LoggerFactory.getLogger(RabbitReader.class);

  /** How long connecting may take, in milliseconds: a broker that is down fails the query, never hangs it. */
  static final int CONNECT_TIMEOUT_MILLIS = 2_000;

  /** AMQP's reply code for a queue that does not exist. */
  private static final int NOT_FOUND = 404;

  /** Messages remembered to recognize a redelivery of one handed out, at the least. */
  private static final int HANDED_OUT = 1000;

  private final RabbitConfig config;
  private final Connection connection;
  private final Channel channel;
  private final String where;
  /** Deliveries of a continuous read, as the client's thread receives them; null for a bounded read. */
  private final BlockingQueue<Delivery> deliveries;
  /** Messages a bounded read may still take. */
  private long remaining;
  private volatile boolean closed;
  private volatile boolean canceledByBroker;
  private boolean finished;
  private long lastTag = -1;
  private long taken;
  /** What this read and those it resumed handed out; what the last delivery of a continuous read is known by. */
  private final RabbitHandedOut handedOut;
  private Optional<Object> lastKey = Optional.empty();

  private RabbitReader(RabbitConfig config, Connection connection, Channel channel, String where, long ready,
      boolean unbounded, RabbitHandedOut handedOut) {
    this.config = config;
    this.connection = connection;
    this.channel = channel;
    this.where = where;
    this.handedOut = handedOut;
    this.remaining = ready;
    this.deliveries = unbounded ? new LinkedBlockingQueue<>() : null;
    this.finished = !unbounded && ready == 0;
  }

  static RabbitReader open(RabbitConfig config, boolean unbounded, String where) {
    return open(config, unbounded, where, new RabbitHandedOut(Math.max(HANDED_OUT, config.prefetch())));
  }

  private static RabbitReader open(RabbitConfig config, boolean unbounded, String where,
      RabbitHandedOut handedOut) {
    Connection connection = connect(config, where);
    try {
      Channel channel = connection.createChannel();
      long ready = channel.queueDeclarePassive(config.queue()).getMessageCount();
      RabbitReader reader = new RabbitReader(config, connection, channel, where, ready, unbounded, handedOut);
      if (unbounded) {
        channel.basicQos(config.prefetch());
        channel.basicConsume(config.queue(), false, (tag, delivery) -> reader.deliveries.add(delivery),
            tag -> reader.canceledByBroker = true);
      }
      return reader;
    } catch (IOException e) {
      closeQuietly(connection);
      if (e.getCause() instanceof ShutdownSignalException s && s.getReason() instanceof
          com.rabbitmq.client.AMQP.Channel.Close close && close.getReplyCode() == NOT_FOUND) {
        throw new SourceException(ErrorCode.UNKNOWN_TABLE, where + ": RabbitMQ has no queue '" + config.queue()
            + "' at " + config.address(), e);
      }
      throw new SourceException(ErrorCode.CONNECTION_LOST, where + ": RabbitMQ failed while opening the queue", e);
    }
  }

  private static Connection connect(RabbitConfig config, String where) {
    ConnectionFactory factory = RabbitConfig.factory(config.uri());
    factory.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
    factory.setHandshakeTimeout(CONNECT_TIMEOUT_MILLIS);
    // One query's connection: a broken one fails the query rather than reconnecting behind its back.
    factory.setAutomaticRecoveryEnabled(false);
    factory.setThreadFactory(DaemonThreads.named("xsql-rabbitmq"));
    try {
      return factory.newConnection("xsql " + config.messages().source());
    } catch (AuthenticationFailureException e) {
      throw new SourceException(ErrorCode.AUTH, where + ": RabbitMQ at " + config.address()
          + " refused the credentials", e);
    } catch (IOException | TimeoutException e) {
      throw new SourceException(ErrorCode.CONNECT, where + ": cannot connect to RabbitMQ at "
          + config.address(), e);
    }
  }

  @Override
  public Optional<StreamMessage> poll(long millis) {
    try {
      return deliveries == null ? take() : receive(millis);
    } catch (IOException | AlreadyClosedException e) {
      if (closed) {
        return Optional.empty();
      }
      throw new SourceException(ErrorCode.CONNECTION_LOST, where + ": the connection to RabbitMQ was lost", e);
    }
  }

  /** A bounded read's next message, while the queue has one and the read may take more. */
  private Optional<StreamMessage> take() throws IOException {
    GetResponse r = remaining > 0 ? channel.basicGet(config.queue(), false) : null;
    if (r == null) {
      finished = true;
      return Optional.empty();
    }
    remaining--;
    return Optional.of(message(r.getEnvelope().getDeliveryTag(), r.getBody()));
  }

  /** A continuous read's next delivery, waiting at most {@code millis}. */
  private Optional<StreamMessage> receive(long millis) throws IOException {
    Delivery d;
    try {
      d = deliveries.poll(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException(ErrorCode.CANCELED, where + ": interrupted while waiting for a message", e);
    }
    if (d == null) {
      if (!closed && (canceledByBroker || !channel.isOpen())) {
        throw new SourceException(ErrorCode.CONNECTION_LOST, where + ": RabbitMQ ended the consumer"
            + " (queue deleted or connection lost)");
      }
      return Optional.empty();
    }
    Object key = RabbitHandedOut.key(d.getProperties(), d.getBody());
    if (d.getEnvelope().isRedeliver() && handedOut.contains(key)) {
      // Handed out before the connection was lost, with an ack the broker never got: settled now.
      channel.basicAck(d.getEnvelope().getDeliveryTag(), false);
      return Optional.empty();
    }
    lastKey = Optional.of(key);
    return Optional.of(message(d.getEnvelope().getDeliveryTag(), d.getBody()));
  }

  private StreamMessage message(long tag, byte[] body) {
    lastTag = tag;
    taken++;
    return new StreamMessage(body, taken, "message " + taken);
  }

  @Override
  public boolean finished() {
    return finished;
  }

  @Override
  public void acknowledge() {
    if (lastTag < 0) {
      return;
    }
    try {
      channel.basicAck(lastTag, false);
      lastKey.ifPresent(handedOut::add);
    } catch (IOException | AlreadyClosedException e) {
      if (!closed) {
        throw new SourceException(ErrorCode.CONNECTION_LOST, where + ": acking a message failed", e);
      }
    } finally {
      lastTag = -1;
      lastKey = Optional.empty();
    }
  }

  @Override
  public StreamReader resume() {
    return open(config, true, where, handedOut);
  }

  /** Closing the connection returns every message taken but not acked to the queue. */
  @Override
  public void close() {
    closed = true;
    closeQuietly(connection);
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close(CONNECT_TIMEOUT_MILLIS);
    } catch (IOException | AlreadyClosedException e) {
      LOG.debug("closing a RabbitMQ connection failed", e);
    }
  }
}
