package io.xsql.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One TPC-H query at one scale factor, as one {@link TpchBench} JVM measured it.
 *
 * @param scaleFactor the scale factor
 * @param number 1 to 22
 * @param first xsql's first run in the fresh JVM, if it completed
 * @param runs xsql's timed runs after it (empty when it failed)
 * @param planningMillis the times of {@code EXPLAIN PLAN FOR} the query, the JVM warm
 * @param referenceMillis PostgreSQL's timed runs (all eight tables in one database)
 * @param check what comparing xsql's results with PostgreSQL's showed
 * @param difference what differed, when {@link Check#WRONG}; why not checked, when {@link Check#UNCHECKED}
 * @param pgReads rows read from each xsql PostgreSQL table during the JVM (its xsql runs), if measured
 * @param mariaDbReads the MariaDB server's {@code Rows_read} change during the JVM, if measured
 * @param mongoReads the documents the MongoDB server returned to finds during the JVM, if measured
 * @param peer plain Calcite's runs of the same query
 * @param plan the plan EXPLAIN showed
 * @param xsqlFailed whether an xsql run failed or timed out (or the JVM did), so that the reads of the JVM
 *     cannot be divided among its runs
 * @param note failures, timeouts and runs left out, else empty
 */
record TpchQueryResult(double scaleFactor, int number, Optional<Measurement> first, List<Measurement> runs,
    List<Double> planningMillis, List<Double> referenceMillis, Check check, String difference,
    Map<String, Long> pgReads, OptionalLong mariaDbReads, OptionalLong mongoReads, TpchPeerResult peer,
    List<String> plan, boolean xsqlFailed, String note)
    implements Runs {

  /** The outcome of comparing xsql's results with the reference's. */
  enum Check {
    /** Every xsql run returned what PostgreSQL returned. */
    RIGHT,
    /** At least one xsql run returned something else. */
    WRONG,
    /** xsql ran, but the reference query failed. */
    UNCHECKED,
    /** xsql returned no result to check. */
    NOT_RUN;

    /** The outcome a child's {@code check} line states ({@code right}, {@code WRONG ...}, {@code unchecked: ...}). */
    static Check of(String text) {
      return text.equals("right") ? RIGHT : text.startsWith("WRONG") ? WRONG : UNCHECKED;
    }
  }

  TpchQueryResult {
    runs = List.copyOf(runs);
    planningMillis = List.copyOf(planningMillis);
    referenceMillis = List.copyOf(referenceMillis);
    pgReads = Map.copyOf(pgReads);
    plan = List.copyOf(plan);
  }

  /** Reads what a child printed; {@code runs} is how many timed runs it was asked for. */
  static TpchQueryResult of(double scaleFactor, int number, ChildJvm.Output c, int runs, long slowMillis) {
    List<Double> planning = new ArrayList<>();
    List<Double> reference = new ArrayList<>();
    List<String> plan = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    Check check = Check.NOT_RUN;
    String difference = "";
    for (String line : c.lines()) {
      if (!line.startsWith(TpchBench.PREFIX)) {
        continue;
      }
      String rest = line.substring(TpchBench.PREFIX.length());
      int space = rest.indexOf(' ');
      String kind = space < 0 ? rest : rest.substring(0, space);
      String text = space < 0 ? "" : rest.substring(space + 1);
      switch (kind) {
        case "planning" -> planning.add(Double.valueOf(text));
        case "reference" -> reference.add(Double.valueOf(text));
        case "plan" -> plan.add(text);
        case "failed" -> failures.add(text);
        case "check" -> {
          check = Check.of(text);
          difference = check == Check.RIGHT ? "" : text.replaceFirst("^(WRONG|unchecked:) ?", "");
        }
        default -> { }
      }
    }
    List<Measurement> xsql = c.runs();
    List<String> notes = new ArrayList<>(failures);
    boolean xsqlFailed = failures.stream().anyMatch(f -> f.startsWith("xsql"));
    if (failures.isEmpty() && !c.problem().isEmpty()) {
      xsqlFailed = true;
      // No failure of its own: the JVM crashed or ran past the harness's limit.
      notes.add("JVM " + c.problem());
    }
    if (failures.isEmpty() && !xsql.isEmpty() && xsql.size() - 1 < runs) {
      notes.add((xsql.size() - 1) + " timed run" + (xsql.size() == 2 ? "" : "s") + ": a run took over "
          + slowMillis / 1000 + " s");
    }
    return new TpchQueryResult(scaleFactor, number, xsql.stream().findFirst(),
        xsql.size() > 1 ? xsql.subList(1, xsql.size()) : List.of(), planning, reference, check, difference,
        Map.of(), OptionalLong.empty(), OptionalLong.empty(), TpchPeerResult.NOT_RUN, plan, xsqlFailed,
        String.join("; ", notes));
  }

  /** The same result with the rows the sources read during its JVM, and why they are missing if they are. */
  TpchQueryResult withReads(Map<String, Long> pg, OptionalLong mariaDb, long mongo, String why) {
    String n = why.isEmpty() ? note : note.isEmpty() ? why : note + "; " + why;
    return new TpchQueryResult(scaleFactor, number, first, runs, planningMillis, referenceMillis, check,
        difference, pg, mariaDb, OptionalLong.of(mongo), peer, plan, xsqlFailed, n);
  }

  /** The same result with plain Calcite's runs. */
  TpchQueryResult withPeer(TpchPeerResult p) {
    return new TpchQueryResult(scaleFactor, number, first, runs, planningMillis, referenceMillis, check,
        difference, pgReads, mariaDbReads, mongoReads, p, plan, xsqlFailed, note);
  }

  /** Whether xsql's first run timed out. */
  boolean xsqlTimedOut() {
    return note.contains("xsql: timed out");
  }

  /** Whether PostgreSQL's first run timed out. */
  boolean referenceTimedOut() {
    return note.contains("PostgreSQL: timed out");
  }

  /** The query's name, {@code Q1} to {@code Q22}. */
  String name() {
    return "Q" + number;
  }

  /** xsql's executions in the JVM whose reads were counted: the first run and the timed ones. */
  int executions() {
    return first.isPresent() ? 1 + runs.size() : 0;
  }

  /**
   * Rows read per xsql execution: a delta over the JVM divided by its executions. Empty when not measured,
   * or when an execution failed (a failed one read an unknown part).
   */
  OptionalDouble perExecution(long delta) {
    return xsqlFailed || executions() == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) delta / executions());
  }

  /** The median of the planning times, NaN without any. */
  double planningMedianMillis() {
    return median(planningMillis);
  }

  /** The median of PostgreSQL's timed runs, NaN without any. */
  double referenceMedianMillis() {
    return median(referenceMillis);
  }

  /** xsql's warm median over PostgreSQL's: below 1, xsql was faster. NaN when either is missing. */
  double ratio() {
    return medianMillis() / referenceMedianMillis();
  }

  /** xsql's warm median over plain Calcite's: below 1, xsql was faster. NaN when either is missing. */
  double peerRatio() {
    return medianMillis() / peer.medianMillis();
  }

  static double median(List<Double> values) {
    return Figures.median(values.stream().mapToDouble(Double::doubleValue));
  }
}
