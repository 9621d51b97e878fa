package io.xsql.bench;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The runs of one join-strategy case, in one JVM.
 *
 * @param query the case
 * @param first the JVM's first, untimed run (for mmap it builds the file's index), if it ran
 * @param runs the timed runs after it, empty when the case failed
 * @param strategy the strategy EXPLAIN showed, if the child showed one
 * @param tableReads rows PostgreSQL read from the table in one run of the case (lookup cases), if measured
 * @param note why runs or figures are missing, else empty
 */
record JoinResult(JoinQuery query, Optional<Measurement> first, List<Measurement> runs, Optional<String> strategy,
    OptionalLong tableReads, String note) implements Runs {

  JoinResult {
    runs = List.copyOf(runs);
  }

  /** The result of a case; empty runs if there is none. */
  static JoinResult find(List<JoinResult> results, JoinQuery query) {
    return results.stream().filter(r -> r.query() == query).findFirst()
        .orElse(new JoinResult(query, Optional.empty(), List.of(), Optional.empty(), OptionalLong.empty(), "not run"));
  }

  /** Whether the plan ran the strategy the hint forced (xsql's own choice always does). */
  boolean ranAsForced() {
    return query.forced().map(f -> strategy.filter(f::equals).isPresent()).orElse(true);
  }
}
