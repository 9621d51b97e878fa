package io.xsql.bench;

import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The harness side of the streams section: writes the events file once, publishes the same events into a
 * new JetStream stream, and runs each {@link StreamCase} once in its own {@link StreamBench} JVM with
 * {@link #HEAP}, the latency case over a second, empty stream that it publishes into itself. Both streams are
 * deleted at the end.
 *
 * @param settings how the harness runs ({@code --stream-events}, the data folder, the timeout)
 */
record StreamSuite(BenchSettings settings) {
  static final String HEAP = "-Xmx128m";
  static final String URL = "nats://127.0.0.1:4222";

  StreamRun run() throws IOException, InterruptedException {
    String loadBefore = Machine.loadAverage().orElse("n/a");
    long events = settings.streamEvents();
    Path file = StreamEvents.file(settings.data().resolve("stream"), events).toAbsolutePath();
    List<StreamResult> results = new ArrayList<>();
    results.add(run(StreamCase.FILE_RAW, file, "-"));
    results.add(run(StreamCase.FILE_XSQL, file, "-"));
    double publishMillis = Double.NaN;
    String server;
    try (StreamPublisher bulk = StreamPublisher.create(URL); StreamPublisher live = StreamPublisher.create(URL)) {
      server = bulk.serverVersion();
      long t = System.nanoTime();
      bulk.publishAll(events);
      publishMillis = (System.nanoTime() - t) / 1e6;
      System.out.printf(Locale.ROOT, "streams: published %,d events into %s in %.3f s%n", events, bulk.stream,
          publishMillis / 1000);
      results.add(run(StreamCase.NATS_RAW, file, bulk.stream));
      results.add(run(StreamCase.NATS_XSQL, file, bulk.stream));
      results.add(run(StreamCase.NATS_LATENCY, file, live.stream));
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      server = "NATS not available at " + URL + ": " + e;
    }
    return new StreamRun(events, Files.size(file), publishMillis, server, results,
        List.of(loadBefore, Machine.loadAverage().orElse("n/a")));
  }

  private StreamResult run(StreamCase c, Path file, String stream) throws IOException, InterruptedException {
    StreamResult r = StreamResult.of(c, new ChildJvm(settings.timeoutMillis()).run(StreamBench.class.getName(), List.of(c.name(),
        String.valueOf(settings.streamEvents()), file.toString(), URL, stream), List.of(HEAP), false));
    System.out.printf(Locale.ROOT, "streams %s: %s%n", c, r.run().isEmpty() ? r.note() : String.format(Locale.ROOT,
        "%.3f s, %.0f events/s%s", r.run().get().millis() / 1000, r.eventsPerSecond(),
        r.latency().map(l -> String.format(Locale.ROOT, ", latency p50 %.3f ms, p99 %.3f ms", l.p50Millis(),
            l.p99Millis())).orElse("")));
    return r;
  }
}
