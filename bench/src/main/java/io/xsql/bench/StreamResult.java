package io.xsql.bench;

import java.util.Optional;

/**
 * The run of one streams case, in one JVM.
 *
 * @param query the case
 * @param run its measurement, empty when it failed
 * @param counts xsql's window rows summed up, if it printed them
 * @param latency the latency case's figures, if it printed them
 * @param openedMillis for the raw JetStream client, the time connecting and creating its consumer took
 * @param note why figures are missing, else empty
 */
record StreamResult(StreamCase query, Optional<Measurement> run, Optional<StreamCounts> counts,
    Optional<StreamLatency> latency, Optional<Double> openedMillis, String note) {

  /** A child's output. */
  static StreamResult of(StreamCase query, ChildJvm.Output c) {
    boolean ran = c.problem().isEmpty() && c.runs().size() == 1;
    return new StreamResult(query, ran ? Optional.of(c.runs().get(0)) : Optional.empty(),
        c.lines().stream().map(StreamCounts::parse).flatMap(Optional::stream).findFirst(),
        c.lines().stream().map(StreamLatency::parse).flatMap(Optional::stream).findFirst(),
        c.lines().stream().filter(l -> l.startsWith(StreamBench.OPENED))
            .map(l -> Double.parseDouble(l.substring(StreamBench.OPENED.length()))).findFirst(),
        ran ? "" : c.problem().isEmpty() ? "too few measurements" : c.problem());
  }

  /** A case that could not run. */
  static StreamResult notRun(StreamCase query, String why) {
    return new StreamResult(query, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), why);
  }

  /** Events counted per second of the run; NaN without a run. */
  double eventsPerSecond() {
    return run.map(m -> m.rows() / m.millis() * 1000).orElse(Double.NaN);
  }
}
