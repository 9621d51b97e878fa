package io.xsql.bench;

import static io.xsql.bench.Figures.mib;
import static io.xsql.bench.Figures.seconds;

import io.nats.client.Nats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The report's streams section ({@link ReportSection#STREAM}) and the window counts that fail the run. Times
 * are printed as measured; rates and ratios judged against the goal are rounded down, the verdict
 * taken on the unrounded figures.
 *
 * @param settings how the harness runs (the report's path, the timeout)
 * @param machine the machine the section ran on
 * @param run what the section measured
 */
record StreamReport(BenchSettings settings, Machine machine, StreamRun run) {
  /** The goal: xsql's events per second at least this share of the raw client's. */
  static final double RATIO_GOAL = 0.5;

  void write() throws IOException {
    ReportSection.STREAM.write(settings.markdown(), markdown());
  }

  /** xsql cases whose window rows differ from the reference computed from the events' definition. */
  List<String> mismatches() {
    List<String> out = new ArrayList<>();
    for (StreamResult r : run.results()) {
      if (!r.query().xsql || r.run().isEmpty()) {
        continue;
      }
      StreamCounts expected = StreamEvents.reference(r.query() == StreamCase.NATS_LATENCY
          ? StreamCase.latencyEvents(run.events()) : run.events());
      if (!r.counts().equals(Optional.of(expected))) {
        out.add("streams " + r.query() + ": the window rows " + r.counts().map(StreamCounts::toString).orElse("none")
            + " differ from the reference " + expected);
      }
    }
    return out;
  }

  /** xsql's rate over the raw client's on the same source; NaN if either is missing. */
  double ratio(StreamCase xsql) {
    return run.find(xsql).eventsPerSecond() / run.find(xsql.raw()).eventsPerSecond();
  }

  String markdown() {
    StringBuilder b = ReportSection.STREAM.opening("Streams", machine, run.loadAverages());
    b.append(String.format(Locale.ROOT, "- Command: `bench/run --suites stream --stream-events %d --timeout-ms %d`%n",
        run.events(), settings.timeoutMillis()));
    b.append(String.format(Locale.ROOT, "- Server: nats-server %s on 127.0.0.1:4222 (JetStream); client jnats %s."
        + " Each run publishes into a new stream (memory storage), deleted at the end.%n", run.server(),
        Nats.CLIENT_VERSION));
    b.append(String.format(Locale.ROOT, "- Data: %,d events `{\"k\": 0..%d, \"ts\": \"ISO text\"}`, key by a hash of"
        + " the event's number, times 1 ms apart from 2026-01-01T00:00:00Z (60,000 events a one-minute window), then"
        + " one event a day later that moves the watermark past every window. The same events as a JSON Lines"
        + " file (%,d bytes, read by xsql with `follow: true`) and published into JetStream with `publishAsync`"
        + " (%s s until all were stored).%n", run.events(), StreamEvents.KEYS - 1, run.fileBytes(),
        seconds(run.publishMillis())));
    b.append("- xsql runs `").append(StreamCase.sql("events")).append("` (`events_file` or `events_nats`,"
        + " `event_time: ts`, watermark 0) and reads until its counts add up to every event, i.e. all windows"
        + " are out. The raw clients read and parse (Jackson's streaming parser) every event and the closing one,"
        + " counting nothing. Each case runs once in its own JVM with " + StreamSuite.HEAP + "; the time runs from"
        + " opening the read (the connection included; for xsql its catalog and `executeQuery`'s planning too) to"
        + " the last event or row.\n");
    b.append("\n| case | events | time (s) | events/s | xsql / raw | window rows | counts as the reference |"
        + " peak heap (MiB) | peak RSS (MiB) | note |\n|---|---:|---:|---:|---:|---:|---|---:|---:|---|\n");
    List<String> wrong = mismatches();
    for (StreamCase c : List.of(StreamCase.FILE_RAW, StreamCase.FILE_XSQL, StreamCase.NATS_RAW,
        StreamCase.NATS_XSQL)) {
      StreamResult r = run.find(c);
      b.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s | %s | %s | %s | %s |%n", c.label(),
          run.events(), seconds(r.run().map(Measurement::millis).orElse(Double.NaN)), rate(r.eventsPerSecond()),
          c.xsql ? ratioText(ratio(c)) : "", r.counts().map(x -> String.format(Locale.ROOT, "%,d", x.rows()))
              .orElse(""), c.xsql ? sameAsReference(r, wrong) : "", mib(r.run().map(Measurement::peakHeapMb)
              .orElse(Double.NaN)), mib(r.run().map(Measurement::peakRssMb).orElse(Double.NaN)),
          r.note().isEmpty() ? r.openedMillis().map(ms -> "connecting and creating the consumer: " + seconds(ms)
              + " s").orElse("") : r.note().replace("|", "\\|")));
    }
    latency(b, wrong);
    goals(b);
    return b.append(ReportSection.STREAM.end()).append('\n').toString();
  }

  private void latency(StringBuilder b, List<String> wrong) {
    StreamResult r = run.find(StreamCase.NATS_LATENCY);
    long events = StreamCase.latencyEvents(run.events());
    b.append(String.format(Locale.ROOT, "%n### Latency%n%nA thread of the query's JVM publishes %,d events and the"
        + " closing one into an empty stream at %,d events/s (each at its own moment from the first, core NATS"
        + " `publish`), starting once xsql's query is open; %d windows close. A window row's latency is the time"
        + " from the `publish` call of the event that closes its window (the first event whose time is the"
        + " window's end: the watermark reaches it) to `ResultSet.next()` returning that row, both read on"
        + " `System.nanoTime()` in the one JVM; every row of every window is a sample (a window's 1,000 rows"
        + " come out one after the other, so the later ones wait for the earlier).%n%n", events,
        StreamCase.LATENCY_RATE, events / StreamEvents.PER_WINDOW));
    b.append("| rows measured | p50 (ms) | p99 (ms) | max (ms) | counts as the reference | peak heap (MiB) | note |\n"
        + "|---:|---:|---:|---:|---|---:|---|\n");
    b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", r.latency().map(l -> String.format(
        Locale.ROOT, "%,d", l.samples())).orElse("n/a"), r.latency().map(l -> millis(l.p50Millis())).orElse("n/a"),
        r.latency().map(l -> millis(l.p99Millis())).orElse("n/a"), r.latency().map(l -> millis(l.maxMillis()))
            .orElse("n/a"), sameAsReference(r, wrong), mib(r.run().map(Measurement::peakHeapMb).orElse(Double.NaN)),
        r.note().replace("|", "\\|")));
  }

  private void goals(StringBuilder b) {
    b.append("\n### Goals\n\n| goal | measured | met |\n|---|---|---|\n");
    for (StreamCase c : List.of(StreamCase.FILE_XSQL, StreamCase.NATS_XSQL)) {
      double ratio = ratio(c);
      b.append(String.format(Locale.ROOT, "| %s: xsql's windowed count at least %.1fx the raw client's events/s |"
          + " %s (%s against %s events/s) | %s |%n", c.source == StreamCase.Source.FILE ? "followed file"
          : "JetStream", RATIO_GOAL, ratioText(ratio), rate(run.find(c).eventsPerSecond()),
          rate(run.find(c.raw()).eventsPerSecond()), Double.isNaN(ratio) ? "n/a" : ratio >= RATIO_GOAL ? "yes"
              : "no"));
    }
  }

  private static String sameAsReference(StreamResult r, List<String> wrong) {
    return r.counts().isEmpty() ? "n/a" : wrong.stream().anyMatch(w -> w.startsWith("streams " + r.query() + ":"))
        ? "**no**" : "yes";
  }

  private static String ratioText(double ratio) {
    // Rounded down: more is better.
    return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2fx", Math.floor(ratio * 100) / 100);
  }

  private static String rate(double perSecond) {
    return Double.isNaN(perSecond) ? "n/a" : String.format(Locale.ROOT, "%,.0f", Math.floor(perSecond));
  }

  private static String millis(double ms) {
    return String.format(Locale.ROOT, "%.3f", ms);
  }
}
