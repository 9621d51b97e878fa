package io.xsql.bench;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The runs of one MongoDB case, in one JVM.
 *
 * @param query the case
 * @param first the JVM's first, untimed run, if it ran and is apart from the timed ones
 * @param runs the timed runs, empty when the case failed
 * @param checkedRows the rows of the checking run and their sorted checksum ({@code "N HEX"}), if printed
 * @param plan xsql's plan, line by line; empty for the driver or a failed case
 * @param served the documents the server returned to one more run of the case, if counted
 * @param projection the projection of that run's find (its last), as the server received it, if counted
 * @param note why runs or figures are missing, else empty
 */
record MongoResult(MongoCase query, Optional<Measurement> first, List<Measurement> runs,
    Optional<String> checkedRows, List<String> plan, Optional<MongoServedDocuments.Count> served,
    Optional<String> projection, String note)
    implements Runs {
  /** What xsql's EXPLAIN shows of the find it sends: {@code find {...}} up to the end of its item on the line. */
  private static final Pattern FIND = Pattern.compile("collection \\S+ (find \\{.*})]");

  MongoResult {
    runs = List.copyOf(runs);
    plan = List.copyOf(plan);
  }

  /**
   * A child's output as a result.
   *
   * @param firstApart whether the child's first run is untimed (warm-up) and the rest timed
   */
  static MongoResult of(MongoCase query, ChildJvm.Output c, boolean firstApart) {
    List<Measurement> all = c.problem().isEmpty() ? c.runs() : List.of();
    return new MongoResult(query, firstApart ? all.stream().findFirst() : Optional.empty(),
        firstApart && !all.isEmpty() ? all.subList(1, all.size()) : all, MongoBench.rows(c.lines()),
        MongoBench.plan(c.lines()), Optional.empty(), Optional.empty(), c.problem());
  }

  /** The same result with what the server saw of one more run of it. */
  MongoResult withServed(Optional<MongoServedDocuments.Count> count, Optional<String> projection, String problem) {
    return new MongoResult(query, first, runs, checkedRows, plan, count, projection,
        String.join("; ", Stream.of(note, problem).filter(s -> !s.isEmpty()).toList()));
  }

  /** The median of the timed runs after a first one; NaN for a case that runs once, or failed. */
  double warmMillis() {
    return first.isPresent() ? medianMillis() : Double.NaN;
  }

  /** The JVM's first run: the untimed one, or the only one of a case that runs once; NaN without runs. */
  double firstMillis() {
    return first.or(() -> runs.stream().findFirst()).map(Measurement::millis).orElse(Double.NaN);
  }

  /** The join strategy the plan of a lookup case shows, if there is a plan. */
  Optional<String> strategy() {
    return plan.isEmpty() || !query.part.isLookup() ? Optional.empty()
        : Optional.of(JoinBench.strategyOf(String.join("\n", plan)));
  }

  /** The find the plan shows for the collection, if it shows one. */
  Optional<String> find() {
    Matcher m = FIND.matcher(String.join("\n", plan));
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Whether every run returned the same number of rows as the checking run. */
  boolean rowsAgree() {
    long checked = checkedRows.map(r -> Long.parseLong(r.substring(0, r.indexOf(' ')))).orElse(rows());
    return runs.stream().allMatch(m -> m.rows() == checked);
  }

  /** Whether the plan ran the strategy the hint forced (xsql's own choice always does). */
  boolean ranAsForced() {
    return query.forced().map(f -> strategy().filter(f::equals).isPresent()).orElse(true);
  }
}
