package io.xsql.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.nats.client.IterableConsumer;
import io.nats.client.JetStreamOptions;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.api.OrderedConsumerConfiguration;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The child side of the streams section. {@code StreamBench CASE EVENTS FILE URL STREAM} runs a
 * {@link StreamCase} once over the {@link StreamEvents} of the followed FILE or of the JetStream STREAM at
 * URL, and prints a {@link Measurement} (the EVENTS counted, the time from opening the read to the last one),
 * for xsql the window rows it emitted ({@link StreamCounts}), and for the latency case its
 * {@link StreamLatency}. xsql reads until its counts add up to every event: all windows are out.
 */
public final class StreamBench {
  /** How long the raw JetStream loop waits for a message before it calls the stream short. */
  private static final Duration QUIET = Duration.ofSeconds(10);
  /** How long the raw client's JetStream requests may take: as long as xsql's (its NatsReader.API_TIMEOUT). */
  private static final Duration API_TIMEOUT = Duration.ofSeconds(60);
  /** The line the raw JetStream case prints with the milliseconds connecting and creating its consumer took. */
  static final String OPENED = "XSQL-BENCH-OPENED ";

  private StreamBench() {}

  public static void main(String[] args) throws Exception {
    StreamCase c = StreamCase.valueOf(args[0]);
    long events = Long.parseLong(args[1]);
    Path file = Path.of(args[2]);
    String url = args[3];
    String stream = args[4];
    if (c == StreamCase.NATS_LATENCY) {
      latency(StreamCase.latencyEvents(events), catalog(file, url, stream), url, stream);
      return;
    }
    long t = System.nanoTime();
    long checked = switch (c) {
      case FILE_RAW -> rawFile(file, events);
      case NATS_RAW -> rawNats(url, stream, events);
      default -> xsql(catalog(file, url, stream), c, events, () -> { }, new long[0], new AtomicLongArray(0))
          .events();
    };
    double ms = (System.nanoTime() - t) / 1e6;
    System.out.println(new Measurement(events, ms, 0, Measurement.jvmPeakHeapMb(), Measurement.processPeakRssMb())
        .toLine());
    if (checked != events) {
      throw new IllegalStateException(c + " counted " + checked + " events, not " + events);
    }
  }

  /** Reads and parses the file's lines up to the closing event; the events before it. */
  private static long rawFile(Path file, long events) throws IOException {
    JsonFactory json = new JsonFactory();
    long n = 0;
    long sum = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null && n <= events; line = r.readLine()) {
        try (JsonParser p = json.createParser(line)) {
          sum += parse(p);
        }
        n++;
      }
    }
    return consumed(n, sum);
  }

  /**
   * Reads and parses the stream's messages up to the closing event with an ordered consumer, printing how long
   * opening it took ({@link #OPENED}): the server's creating the consumer is part of both clients' time.
   */
  private static long rawNats(String url, String stream, long events) throws Exception {
    JsonFactory json = new JsonFactory();
    long n = 0;
    long sum = 0;
    long t = System.nanoTime();
    try (io.nats.client.Connection connection = Nats.connect(url); IterableConsumer messages = connection
        .getStreamContext(stream, JetStreamOptions.builder().requestTimeout(API_TIMEOUT).build())
        .createOrderedConsumer(new OrderedConsumerConfiguration()).iterate()) {
      System.out.printf(Locale.ROOT, "%s%.3f%n", OPENED, (System.nanoTime() - t) / 1e6);
      while (n <= events) {
        Message m = messages.nextMessage(QUIET);
        if (m == null) {
          break;
        }
        try (JsonParser p = json.createParser(m.getData())) {
          sum += parse(p);
        }
        n++;
      }
    }
    return consumed(n, sum);
  }

  /** The events before the closing one, of {@code n} read; the sum keeps the parsing from being optimized away. */
  private static long consumed(long n, long sum) {
    if (sum == Long.MIN_VALUE) {
      System.out.println("unlikely sum " + sum);
    }
    return n - 1;
  }

  /**
   * An event's key plus its time in milliseconds, read as a client that needs both would: the key as a number,
   * the time's ISO text parsed.
   */
  private static long parse(JsonParser p) throws IOException {
    long value = 0;
    for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
      if (t == JsonToken.VALUE_NUMBER_INT) {
        value += p.getIntValue();
      } else if (t == JsonToken.VALUE_STRING) {
        value += Instant.parse(p.getText()).toEpochMilli();
      }
    }
    return value;
  }

  /**
   * Runs xsql's count until its rows add up to {@code events}, printing them summed up; {@code opened} runs
   * once the query is open. With {@code latencies} not empty, each row's latency goes into it: its arrival
   * less the publish of the event that closed its window ({@code publishedAt}).
   */
  private static StreamCounts xsql(Path catalog, StreamCase c, long events, Runnable opened, long[] latencies,
      AtomicLongArray publishedAt) throws SQLException {
    StreamCounts counts = StreamCounts.NONE;
    String table = c.source == StreamCase.Source.FILE ? "events_file" : "events_nats";
    try (Connection connection = DriverManager.getConnection("jdbc:xsql:catalog=" + catalog);
        Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(StreamCase.sql(table))) {
      opened.run();
      while (counts.events() < events && rs.next()) {
        long arrived = System.nanoTime();
        long window = rs.getTimestamp(1).getTime();
        if (latencies.length > 0) {
          latencies[(int) counts.rows()] = arrived - publishedAt.get((int) StreamEvents.closing(window));
        }
        counts = counts.plus(window, rs.getInt(2), rs.getLong(3));
      }
    }
    System.out.println(counts.toLine());
    return counts;
  }

  /**
   * Publishes {@code events} and the closing one at {@link StreamCase#LATENCY_RATE} from a thread of this JVM
   * (so both ends read one clock) while xsql counts them, starting once the query is open, so that no
   * event waits for the query's planning.
   */
  private static void latency(long events, Path catalog, String url, String stream) throws Exception {
    AtomicLongArray publishedAt = new AtomicLongArray((int) events + 1);
    long[] latencies = new long[(int) (events / StreamEvents.PER_WINDOW * StreamEvents.KEYS)];
    try (StreamPublisher p = StreamPublisher.attach(url, stream)) {
      Thread publisher = new Thread(() -> {
        try {
          p.publishPaced(events, StreamCase.LATENCY_RATE, publishedAt);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "publisher");
      long t = System.nanoTime();
      StreamCounts counts = xsql(catalog, StreamCase.NATS_LATENCY, events, publisher::start, latencies,
          publishedAt);
      double ms = (System.nanoTime() - t) / 1e6;
      publisher.join();
      System.out.println(new Measurement(events, ms, 0, Measurement.jvmPeakHeapMb(), Measurement.processPeakRssMb())
          .toLine());
      System.out.println(StreamLatency.of(Arrays.copyOf(latencies, (int) counts.rows())).toLine());
    }
  }

  private static Path catalog(Path file, String url, String stream) throws IOException {
    Path catalog = Files.createTempFile("xsql-streambench", ".yaml");
    catalog.toFile().deleteOnExit();
    Files.writeString(catalog, StreamCase.catalog(file.toAbsolutePath().toString(), url, stream));
    return catalog;
  }
}
