package io.xsql.rest;

import io.xsql.spi.ScanContext;
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
  private final LongAdder requests = new LongAdder();
  private final LongAdder pages = new LongAdder();
  private final LongAdder cacheHits = new LongAdder();
  private final LongAdder notModified = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder waits = new LongAdder();
  private final LongAdder waitedNanos = new LongAdder();

  private RestTally(String where) {
    this.where = where;
  }

  /** The tally of a table in a query, its summary kept on the query's first use of it. */
  static RestTally of(RestTable table, ScanContext context) {
    Key key = new Key(table);
    RestTally tally = context.shared(key, () -> new RestTally(table.where()));
    context.summary(key, tally::summary);
    return tally;
  }

  /** A tally nobody reads: for sampling outside a query. */
  static RestTally unread() {
    return new RestTally("");
  }

  void requested() {
    requests.increment();
  }

  void paged() {
    pages.increment();
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
    return where + ": " + count(requests.sum(), "request") + ", " + count(pages.sum(), "page") + ", "
        + count(cacheHits.sum(), "cache hit") + ", " + notModified.sum() + " revalidated (304), "
        + count(retries.sum(), "retry", "retries") + ", " + count(waits.sum(), "wait") + " for the rate limit ("
        + TimeUnit.NANOSECONDS.toMillis(waitedNanos.sum()) + " ms)";
  }

  private static String count(long n, String one) {
    return count(n, one, one + "s");
  }

  private static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
