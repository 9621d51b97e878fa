package io.xsql.bench;

import java.util.List;

/**
 * The warm runs of one database query through one engine.
 *
 * @param engine {@code jdbc} (PostgreSQL's driver directly) or {@code xsql}
 * @param query the query
 * @param runs the timed runs, empty when the engine failed
 * @param note why runs are missing, else empty
 */
record DbResult(String engine, DbQuery query, List<Measurement> runs, String note) implements Runs {

  /** The result of an engine and query; empty runs if there is none. */
  static DbResult find(List<DbResult> results, String engine, DbQuery query) {
    return results.stream().filter(r -> r.engine().equals(engine) && r.query() == query).findFirst()
        .orElse(new DbResult(engine, query, List.of(), "not run"));
  }
}
