package io.xsql.rest;

import io.xsql.spi.ScanContext;
import java.net.URI;

/**
 * The requests of one table's scan: the source's {@link RestHttp}, the query they belong to (cancel, budget)
 * and the table's tally of them.
 */
record RestCalls(RestHttp http, RestTally tally, ScanContext context) {
  /** The calls of a table's scan in a query. */
  static RestCalls of(RestTable table, ScanContext context) {
    return new RestCalls(table.source().http(), RestTally.of(table, context), context);
  }

  /** Calls outside any query (sampling, sizing), which no budget limits and no tally reports. */
  static RestCalls unscoped(RestTable table) {
    return new RestCalls(table.source().http(), RestTally.unread(), ScanContext.detached());
  }

  RestResponse get(URI uri) {
    return http.get(uri, tally, context);
  }
}
