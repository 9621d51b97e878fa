package io.xsql.bench;

import java.util.List;
import java.util.Optional;

/**
 * The runs of one REST case, in one JVM.
 *
 * @param query the case
 * @param first the JVM's first, untimed run, if it ran
 * @param firstRequests the requests the API answered during it
 * @param runs the timed runs, empty when the case failed
 * @param requests the requests during each timed run, in order
 * @param checkedRows the rows of the checking run and their sorted checksum ({@code "N HEX"}), if printed
 * @param plan xsql's plan, line by line
 * @param note why runs or figures are missing, else empty
 */
record RestResult(RestCase query, Optional<Measurement> first, Optional<RestBench.Requests> firstRequests,
    List<Measurement> runs, List<RestBench.Requests> requests, Optional<String> checkedRows, List<String> plan,
    String note) implements Runs {

  RestResult {
    runs = List.copyOf(runs);
    requests = List.copyOf(requests);
    plan = List.copyOf(plan);
  }

  /** A child's output, its first run apart from the timed ones. */
  static RestResult of(RestCase query, ChildJvm.Output c) {
    List<Measurement> all = c.problem().isEmpty() ? c.runs() : List.of();
    List<RestBench.Requests> counted = c.lines().stream().map(RestBench.Requests::parse).flatMap(Optional::stream)
        .toList();
    boolean complete = all.size() > 1 && counted.size() == all.size();
    return new RestResult(query, complete ? Optional.of(all.get(0)) : Optional.empty(),
        complete ? Optional.of(counted.get(0)) : Optional.empty(), complete ? all.subList(1, all.size()) : List.of(),
        complete ? counted.subList(1, counted.size()) : List.of(), MongoBench.rows(c.lines()),
        MongoBench.plan(c.lines()), c.lines().stream().filter(l -> l.startsWith(RestBench.ERROR))
            .map(l -> "failed: " + l.substring(RestBench.ERROR.length())).findFirst()
            .orElse(complete || !c.problem().isEmpty() ? c.problem() : "too few measurements"));
  }

  /** The requests of each timed run, if they all sent the same number; else empty. */
  Optional<Long> requestsPerRun() {
    List<Long> counts = requests.stream().map(RestBench.Requests::count).distinct().toList();
    return counts.size() == 1 ? Optional.of(counts.get(0)) : Optional.empty();
  }

  /** The most requests in flight at once over the timed runs; 0 without runs. */
  int maxInFlight() {
    return requests.stream().mapToInt(RestBench.Requests::maxInFlight).max().orElse(0);
  }

  /** The join strategy the plan shows, for a lookup case. */
  Optional<String> strategy() {
    return plan.isEmpty() || query.sql.indexOf(" JOIN ") < 0 ? Optional.empty()
        : Optional.of(JoinBench.strategyOf(String.join("\n", plan)));
  }
}
