package io.xsql.rest;

import io.xsql.spi.ScanContext;
import io.xsql.spi.SourceActivity;
import io.xsql.spi.SourceOperation;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one table asked of its API during one query, for the summary its ResultSet's warnings end with:
 * requests sent, pages read, answers the cache gave (fresh, or revalidated by a 304), retries, and waits
 * for the rate limit or a {@code Retry-After}. Its scans (a listing, a lookup's calls) add to one tally.
 */
final class RestTally {
  /** The key a query keeps a table's tally under. */
  private record Key(RestTable table) {}

  private final String where;
  /** The query's count of the table's requests, for {@code xsql.queries}. */
  private final SourceActivity activity;
  private final LongAdder requests = new LongAdder();
  private final LongAdder pages = new LongAdder();
  private final LongAdder cacheHits = new LongAdder();
  private final LongAdder notModified = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder waits = new LongAdder();
  private final LongAdder waitedNanos = new LongAdder();

  private RestTally(String where, SourceActivity activity) {
    this.where = where;
    this.activity = activity;
  }

  /**
   * The tally of a table in a query, its summary kept on the query's first use of it, and its requests
   * counted in the query's activity on the table.
   */
  static RestTally of(RestTable table, ScanContext context) {
    Key key = new Key(table);
    RestTally tally = context.shared(key, () -> new RestTally(table.where(), context.activity(new SourceOperation(
        table.source().config().source(), table.config().name(), "requests", table.describe()))));
    tally.activity.details(tally::counts);
    context.summary(key, tally::summary);
    return tally;
  }

  /** A tally nobody reads: for sampling outside a query. */
  static RestTally unread() {
    return new RestTally("", SourceActivity.NONE);
  }

  void requested() {
    requests.increment();
    activity.calls(1);
  }

  /** A page read, holding {@code records} records. */
  void paged(int records) {
    pages.increment();
    activity.rows(records);
  }

  void cacheHit() {
    cacheHits.increment();
  }

  void notModified() {
    notModified.increment();
  }

  void retried() {
    retries.increment();
  }

  void waited(long nanos) {
    waits.increment();
    waitedNanos.add(nanos);
  }

  String summary() {
    return where + ": " + count(requests.sum(), "request") + ", " + counts();
  }

  /** Everything but the requests. */
  private String counts() {
    return count(pages.sum(), "page") + ", " + count(cacheHits.sum(), "cache hit") + ", " + notModified.sum()
        + " revalidated (304), " + count(retries.sum(), "retry", "retries") + ", " + count(waits.sum(), "wait")
        + " for the rate limit (" + TimeUnit.NANOSECONDS.toMillis(waitedNanos.sum()) + " ms)";
  }

  private static String count(long n, String one) {
    return count(n, one, one + "s");
  }

  private static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
