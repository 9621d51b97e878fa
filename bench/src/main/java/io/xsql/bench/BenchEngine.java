package io.xsql.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/** One engine the benchmark runs the queries on, over the data set's files. */
interface BenchEngine {

  /** The engine's name in reports and on the command line. */
  String name();

  /**
   * Opens a connection on which {@code products} and {@code images} (and with {@link #scansFiles()}
   * {@code images_csv}) are tables over the files in
   * {@code data}; engines that import first do it here (the harness times it as the load).
   */
  Connection open(Path data) throws SQLException;

  /**
   * Whether the engine reads the files in place and has {@code images_csv}, the images as CSV, so that it
   * runs the full-scan queries.
   */
  default boolean scansFiles() {
    return false;
  }

  /** The statement that plans {@code sql} without running it. */
  default String explain(String sql) {
    return "EXPLAIN PLAN FOR " + sql;
  }

  /** Whether opening imports the data, so that its time is reported as a load apart from the query. */
  default boolean imports() {
    return false;
  }

  /** The engine with a name. */
  static BenchEngine named(String name) {
    return switch (name) {
      case "xsql" -> new XsqlEngine();
      case "duckdb" -> new DuckDbEngine();
      case "calcite" -> new CalciteEngine();
      case "h2" -> new H2Engine();
      default -> throw new IllegalArgumentException("unknown engine '" + name
          + "'; known: xsql, duckdb, calcite, h2");
    };
  }
}
