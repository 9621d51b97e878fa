package io.xsql.bench;

import java.util.List;

/** Summaries of a set of measured runs. */
interface Runs {

  /** The measurements, empty when nothing ran. */
  List<Measurement> runs();

  /** The median wall time, NaN without runs. */
  default double medianMillis() {
    return Figures.median(runs().stream().mapToDouble(Measurement::millis));
  }

  /** Rows of the first run; -1 without runs. */
  default long rows() {
    return runs().isEmpty() ? -1 : runs().get(0).rows();
  }

  /** The largest peak heap of the runs. */
  default double peakHeapMb() {
    return runs().stream().mapToDouble(Measurement::peakHeapMb).max().orElse(Double.NaN);
  }

  /** The largest peak RSS of the runs. */
  default double peakRssMb() {
    return runs().stream().mapToDouble(Measurement::peakRssMb).max().orElse(Double.NaN);
  }
}
