package io.xsql.trino;

import java.util.Optional;

/**
 * The JSON Lines scan in one engine.
 *
 * @param engine what ran it ({@code Trino, 1 worker}, {@code embedded xsql})
 * @param timing its times
 * @param stage how Trino's scan stage ran in the first run; empty for embedded xsql
 * @param answer the row it returned, as text
 */
record XsqlTrinoBenchScan(String engine, XsqlTrinoBenchTiming timing, Optional<Stage> stage, String answer) {

  /**
   * A Trino scan stage.
   *
   * @param splits the splits its tasks completed
   * @param nodes the nodes its tasks ran on
   */
  record Stage(long splits, long nodes) {
    String text() {
      return splits + " splits on " + nodes + (nodes == 1 ? " node" : " nodes");
    }
  }
}
