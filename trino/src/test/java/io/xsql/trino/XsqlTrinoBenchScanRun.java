package io.xsql.trino;

import java.util.List;

/**
 * The JSON Lines scan: one file, read by each engine.
 *
 * @param lines the file's lines
 * @param fileBytes its size
 * @param splitBytes the Trino catalog's {@code xsql.split-bytes}
 * @param scans each engine's run, embedded xsql's included
 */
record XsqlTrinoBenchScanRun(long lines, long fileBytes, int splitBytes, List<XsqlTrinoBenchScan> scans) {
  XsqlTrinoBenchScanRun {
    scans = List.copyOf(scans);
  }

  /** Whether every engine returned the same row. */
  boolean agree() {
    return scans.stream().map(XsqlTrinoBenchScan::answer).distinct().count() <= 1;
  }
}
