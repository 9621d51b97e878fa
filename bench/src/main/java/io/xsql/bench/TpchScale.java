package io.xsql.bench;

import java.util.List;
import java.util.Map;

/**
 * The TPC-H section at one scale factor.
 *
 * @param scaleFactor the scale factor
 * @param load how the data came to be there (loaded in this run, or kept from an earlier one)
 * @param tableRows rows of the xsql PostgreSQL tables ({@code n_live_tup}), by table
 * @param queries the queries, in the order they ran
 * @param problem why nothing ran (the data could not be loaded), else empty
 */
record TpchScale(double scaleFactor, String load, Map<String, Long> tableRows, List<TpchQueryResult> queries,
    String problem) {

  TpchScale {
    tableRows = Map.copyOf(tableRows);
    queries = List.copyOf(queries);
  }

  /** The scale factor as written: {@code 0.1}, {@code 1}. */
  String label() {
    return TpchSettings.label(scaleFactor);
  }

  /** Queries whose every xsql run returned what PostgreSQL returned. */
  long right() {
    return queries.stream().filter(q -> q.check() == TpchQueryResult.Check.RIGHT).count();
  }

  /** The queries that returned something else than PostgreSQL. */
  List<TpchQueryResult> wrong() {
    return queries.stream().filter(q -> q.check() == TpchQueryResult.Check.WRONG).toList();
  }

  /** The geometric mean of the queries' xsql/PostgreSQL ratios, over those that have one; NaN if none. */
  double geomean() {
    double[] logs = queries.stream().mapToDouble(TpchQueryResult::ratio).filter(r -> !Double.isNaN(r))
        .map(Math::log).toArray();
    return logs.length == 0 ? Double.NaN : Math.exp(java.util.Arrays.stream(logs).average().orElseThrow());
  }

  /** How many queries have a ratio (both sides completed their timed runs). */
  long withRatio() {
    return queries.stream().filter(q -> !Double.isNaN(q.ratio())).count();
  }
}
