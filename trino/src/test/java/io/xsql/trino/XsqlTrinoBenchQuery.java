package io.xsql.trino;

import java.util.Optional;

/**
 * One TPC-H query timed in embedded xsql and through the Trino cluster.
 *
 * @param name the query's name ({@code Q1})
 * @param rows the rows embedded xsql returned
 * @param xsql embedded xsql's times
 * @param trino the Trino cluster's times
 * @param difference how Trino's rows differ from embedded xsql's, if they do
 */
record XsqlTrinoBenchQuery(String name, int rows, XsqlTrinoBenchTiming xsql, XsqlTrinoBenchTiming trino,
    Optional<String> difference) {

  /** Trino's median over embedded xsql's: above 1, Trino took longer. */
  double ratio() {
    return trino.medianMillis() / xsql.medianMillis();
  }
}
