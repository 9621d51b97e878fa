package io.xsql.trino;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The TPC-H queries at one scale factor.
 *
 * @param scaleFactor TPC-H's scale factor
 * @param splitBytes the Trino catalog's {@code xsql.split-bytes}
 * @param queries the queries, in the order they ran
 */
record XsqlTrinoBenchScale(double scaleFactor, int splitBytes, List<XsqlTrinoBenchQuery> queries) {
  XsqlTrinoBenchScale {
    queries = List.copyOf(queries);
  }

  /** The queries whose rows agree: only their times compare. */
  List<XsqlTrinoBenchQuery> agreeing() {
    return queries.stream().filter(q -> q.difference().isEmpty()).toList();
  }

  /** The geometric mean of Trino / xsql over the agreeing queries; empty when none agrees. */
  OptionalDouble geometricMean() {
    List<XsqlTrinoBenchQuery> agreeing = agreeing();
    if (agreeing.isEmpty()) {
      return OptionalDouble.empty();
    }
    double logSum = agreeing.stream().mapToDouble(q -> Math.log(q.ratio())).sum();
    return OptionalDouble.of(Math.exp(logSum / agreeing.size()));
  }
}
