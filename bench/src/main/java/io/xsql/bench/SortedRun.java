package io.xsql.bench;

import java.util.List;
import java.util.Optional;

/**
 * What the sorted-input section measured.
 *
 * @param rows rows of the file
 * @param results one per {@link SortedCase}, in their order
 * @param loadAverages the machine's load averages when the section started and when it ended
 */
record SortedRun(long rows, List<SortedResult> results, List<String> loadAverages) {
  SortedRun {
    results = List.copyOf(results);
    loadAverages = List.copyOf(loadAverages);
  }

  SortedResult find(SortedCase c) {
    return results.stream().filter(r -> r.query() == c).findFirst().orElseThrow();
  }

  /** Whether two cases returned the same rows (count and checksum); empty if one has no checksum. */
  Optional<Boolean> sameRows(SortedCase a, SortedCase b) {
    Optional<String> x = find(a).checkedRows();
    Optional<String> y = find(b).checkedRows();
    return x.isPresent() && y.isPresent() ? Optional.of(x.get().equals(y.get())) : Optional.empty();
  }
}
