package io.xsql.bench;

import java.util.List;
import java.util.Optional;

/**
 * What one run of the REST section measured.
 *
 * @param keys the lookup's keys
 * @param results each case's result
 * @param loadAverages the machine's load averages when the section started and when it ended
 */
record RestRun(int keys, List<RestResult> results, List<String> loadAverages) {
  RestRun {
    results = List.copyOf(results);
    loadAverages = List.copyOf(loadAverages);
  }

  /** The result of a case; empty runs if there is none. */
  RestResult find(RestCase query) {
    return results.stream().filter(r -> r.query() == query).findFirst().orElse(new RestResult(query,
        Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty(), List.of(), "not run"));
  }

  /** Whether two cases returned the same rows (count and sorted checksum), if both were checked. */
  Optional<Boolean> sameRows(RestCase a, RestCase b) {
    Optional<String> x = find(a).checkedRows();
    Optional<String> y = find(b).checkedRows();
    return x.isPresent() && y.isPresent() ? Optional.of(x.get().equals(y.get())) : Optional.empty();
  }
}
