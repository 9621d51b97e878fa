package io.xsql.bench;

import java.util.List;
import java.util.Optional;

/**
 * What one run of the MongoDB section measured.
 *
 * @param driverVersion the MongoDB Java driver's version (the peer, xsql's client, the loader's)
 * @param loadMillis the time to insert the generated documents
 * @param index the index check, if the data loaded
 * @param results each case's result
 * @param loadAverages the machine's load averages when the section started and when it ended, as
 *     {@link Machine#loadAverage()} gives them ("n/a" where it gives none)
 * @param problem why nothing was measured (the server did not start, the load failed), else empty
 */
record MongoRun(String driverVersion, double loadMillis, Optional<MongoIndexCheck> index, List<MongoResult> results,
    List<String> loadAverages, String problem) {

  MongoRun {
    results = List.copyOf(results);
    loadAverages = List.copyOf(loadAverages);
  }

  /** The result of a case; empty runs if there is none. */
  MongoResult find(MongoCase query) {
    return results.stream().filter(r -> r.query() == query).findFirst().orElse(new MongoResult(query,
        Optional.empty(), List.of(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), "not run"));
  }
}
