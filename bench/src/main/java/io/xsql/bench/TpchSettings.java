package io.xsql.bench;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * How the TPC-H section runs.
 *
 * @param scaleFactors the scale factors, in order; empty leaves the section out
 * @param queries the query numbers (1 to 22) to run at each scale factor
 * @param timeoutSeconds each statement's timeout ({@code setQueryTimeout}) in xsql and in PostgreSQL
 * @param csv the raw measurements of the section (its columns differ from the main CSV's)
 * @param pgJit PostgreSQL's {@code jit} setting for the benchmark's two PostgreSQL databases (set on the
 *     databases, so that xsql's connections and the reference's both have it)
 */
record TpchSettings(List<Double> scaleFactors, List<Integer> queries, int timeoutSeconds, Path csv,
    boolean pgJit) {

  TpchSettings {
    scaleFactors = List.copyOf(scaleFactors);
    queries = List.copyOf(queries);
    for (double sf : scaleFactors) {
      if (!(sf > 0)) {
        throw new IllegalArgumentException("--tpch: scale factors must be positive, not " + sf);
      }
    }
    for (int q : queries) {
      if (q < 1 || q > 22) {
        throw new IllegalArgumentException("--tpch-queries: TPC-H has queries 1 to 22, not " + q);
      }
    }
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException("--tpch-timeout-s must be at least 1, not " + timeoutSeconds);
    }
  }

  /** Reads the {@code --tpch*} options of a parsed command line; defaults as {@link BenchSettings#USAGE} says. */
  static TpchSettings of(Map<String, String> options) {
    String sfs = options.getOrDefault("--tpch", "0.1,1").strip();
    List<Double> scaleFactors = sfs.isEmpty() || sfs.equals("none") ? List.of()
        : Arrays.stream(sfs.split(",")).map(s -> Double.valueOf(s.strip())).toList();
    return new TpchSettings(scaleFactors, queries(options.getOrDefault("--tpch-queries", "1-22")),
        Integer.parseInt(options.getOrDefault("--tpch-timeout-s", "120")),
        Path.of(options.getOrDefault("--tpch-csv", "docs/benchmarks-tpch.csv")),
        Boolean.parseBoolean(options.getOrDefault("--tpch-pg-jit", "false")));
  }

  /** {@code 1-22}, {@code 3,5,9} or a mix, in the order given. */
  private static List<Integer> queries(String text) {
    List<Integer> out = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.strip();
      int dash = p.indexOf('-');
      if (dash > 0) {
        IntStream.rangeClosed(Integer.parseInt(p.substring(0, dash).strip()),
            Integer.parseInt(p.substring(dash + 1).strip())).forEach(out::add);
      } else {
        out.add(Integer.valueOf(p));
      }
    }
    return out;
  }

  /** Whether the section runs at all. */
  boolean enabled() {
    return !scaleFactors.isEmpty();
  }

  /** A scale factor as the report and the names write it: {@code 0.1}, {@code 1}. */
  static String label(double scaleFactor) {
    return BigDecimal.valueOf(scaleFactor).stripTrailingZeros().toPlainString();
  }

  /**
   * The name of a scale factor's databases ({@code <name>_pg}, {@code _my}, {@code _ref}):
   * {@code xsql_bench_tpch_sf0_1}, {@code xsql_bench_tpch_sf1}.
   */
  static String databaseName(double scaleFactor) {
    return "xsql_bench_tpch_sf" + label(scaleFactor).replace('.', '_');
  }
}
