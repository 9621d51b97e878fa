package io.xsql.bench;

import java.util.List;

/**
 * What one run of the streams section measured.
 *
 * @param events the events of the throughput cases
 * @param fileBytes the followed file's size
 * @param publishMillis the time JetStream took to store them, published with {@code publishAsync}
 * @param server the NATS server's version, or why there is none
 * @param results each case's result
 * @param loadAverages the machine's load averages when the section started and when it ended
 */
record StreamRun(long events, long fileBytes, double publishMillis, String server, List<StreamResult> results,
    List<String> loadAverages) {
  StreamRun {
    results = List.copyOf(results);
    loadAverages = List.copyOf(loadAverages);
  }

  /** The result of a case; not run if there is none. */
  StreamResult find(StreamCase query) {
    return results.stream().filter(r -> r.query() == query).findFirst()
        .orElse(StreamResult.notRun(query, "not run"));
  }
}
