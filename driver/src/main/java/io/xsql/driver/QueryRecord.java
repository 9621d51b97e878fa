package io.xsql.driver;

import io.xsql.planner.OperationCount;
import java.time.Instant;
import java.util.List;

/**
 * A finished query of a connection, as {@code xsql.queries} shows it.
 *
 * @param id the query's number on its connection, from 1
 * @param started when execute was called
 * @param elapsedMillis from execute until the result set closed (or the next execution began)
 * @param sql the statement's text as the client sent it
 * @param operations what it asked of each source, in the order first asked
 */
public record QueryRecord(long id, Instant started, double elapsedMillis, String sql,
    List<OperationCount> operations) {
  /** Copies the list. */
  public QueryRecord {
    operations = List.copyOf(operations);
  }
}
