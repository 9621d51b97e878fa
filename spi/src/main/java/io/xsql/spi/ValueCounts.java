package io.xsql.spi;

import java.util.Collection;
import java.util.OptionalLong;

/**
 * How a column's sampled values repeat, for estimating its distinct values in the whole source (the
 * selectivity of {@code column = value}); files and schemaless sources sample alike.
 *
 * @param values non-null values sampled
 * @param distinct distinct values among them
 * @param once values seen exactly once
 */
public record ValueCounts(long values, int distinct, int once) {

  /** From the occurrences of each distinct value. */
  public static ValueCounts of(Collection<Integer> occurrences) {
    long values = 0;
    int once = 0;
    for (int n : occurrences) {
      values += n;
      once += n == 1 ? 1 : 0;
    }
    return new ValueCounts(values, occurrences.size(), once);
  }

  /**
   * Distinct values among {@code rows} rows: the Haas-Stokes estimator PostgreSQL's ANALYZE uses,
   * {@code n d / (n - f1 + f1 n / N)}; all of them when every sampled value was different (a key), and the
   * sampled ones when the sample is the whole source.
   */
  public OptionalLong estimate(OptionalLong rows) {
    if (values == 0 || rows.isEmpty()) {
      return OptionalLong.empty();
    }
    double total = Math.max(rows.getAsLong(), values);
    if (once == values) {
      return OptionalLong.of(Math.round(total));
    }
    double d = values * (double) distinct / (values - once + once * values / total);
    return OptionalLong.of(Math.max(distinct, Math.min(Math.round(d), Math.round(total))));
  }
}
