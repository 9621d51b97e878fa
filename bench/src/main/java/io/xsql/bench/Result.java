package io.xsql.bench;

import java.util.List;

/**
 * The runs of one query on one engine at one scale, cold or warm.
 *
 * @param scale products in the data set
 * @param engine the engine's name
 * @param query the query
 * @param warm whether the runs repeated the query in one JVM (else each run was a fresh JVM)
 * @param runs the measurements, empty when the engine was not run (too slow at a smaller scale)
 * @param note why runs are missing or fewer than asked, else empty
 */
record Result(int scale, String engine, BenchQuery query, boolean warm, List<Measurement> runs, String note) {

  /** The median wall time, NaN without runs. */
  double medianMillis() {
    return Measurement.medianMillis(runs);
  }

  /** Rows of the first run; -1 without runs. */
  long rows() {
    return runs.isEmpty() ? -1 : runs.get(0).rows();
  }

  /** The largest peak heap of the runs. */
  double peakHeapMb() {
    return runs.stream().mapToDouble(Measurement::peakHeapMb).max().orElse(Double.NaN);
  }

  /** The largest peak RSS of the runs. */
  double peakRssMb() {
    return runs.stream().mapToDouble(Measurement::peakRssMb).max().orElse(Double.NaN);
  }

  /** The median import time, for engines that import. */
  double loadMillis() {
    double[] ms = runs.stream().mapToDouble(Measurement::loadMillis).sorted().toArray();
    return ms.length == 0 ? 0 : ms[ms.length / 2];
  }
}
