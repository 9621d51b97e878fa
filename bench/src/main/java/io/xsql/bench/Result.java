package io.xsql.bench;

import java.util.List;
import java.util.Optional;

/**
 * The runs of one query on one engine at one scale, cold or warm.
 *
 * @param scale products in the data set
 * @param engine the engine's name
 * @param query the query
 * @param warm whether the runs repeated the query in one JVM (else each run was a fresh JVM)
 * @param runs the measurements, empty when the engine was not run (too slow at a smaller scale)
 * @param note why runs are missing or fewer than asked, else empty
 * @param phases where each cold run's time went, as the child saw it (empty for warm runs)
 * @param planning the query planned alone in a fresh JVM and again (cold results of engines that do not
 *     import; else empty)
 */
record Result(int scale, String engine, BenchQuery query, boolean warm, List<Measurement> runs, String note,
    List<ColdPhases> phases, Optional<ColdPlanning> planning) implements Runs {

  /** Warm runs, or cold ones without their phases. */
  Result(int scale, String engine, BenchQuery query, boolean warm, List<Measurement> runs, String note) {
    this(scale, engine, query, warm, runs, note, List.of(), Optional.empty());
  }

  /** The median import time, for engines that import. */
  double loadMillis() {
    double[] ms = runs.stream().mapToDouble(Measurement::loadMillis).sorted().toArray();
    return ms.length == 0 ? 0 : ms[ms.length / 2];
  }
}
