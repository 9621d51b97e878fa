package io.xsql.bench;

import java.util.Optional;

/**
 * The REST section's cases, each a query xsql runs over {@link RestServedApi}: the customers listing (offset
 * paging), the lookup join of a keys file into the orders as xsql plans it, then forced to a lookup with the
 * parameter batched and four requests in flight, and with one value per request and one in flight
 * (Steampipe's pattern), and the listing again through a source with a response cache.
 */
enum RestCase {
  LISTING("SELECT id, name, city FROM api.customers"),
  LOOKUP_UNHINTED("SELECT k.id, o.id, o.total FROM keys k JOIN api.orders o ON o.customer_id = k.id"),
  LOOKUP_BATCHED("SELECT /*+ LOOKUP_JOIN(o) */ k.id, o.id, o.total FROM keys k JOIN api.orders o"
      + " ON o.customer_id = k.id"),
  LOOKUP_ONE_BY_ONE("SELECT /*+ LOOKUP_JOIN(o) */ k.id, o.id, o.total FROM keys k JOIN serial.orders o"
      + " ON o.customer_id = k.id"),
  CACHED("SELECT id, name, city FROM cached.customers");

  /** Customers per page of the listing. */
  static final int PAGE_SIZE = 100;
  /** Values of the orders' {@code customer_id} per request, and requests in flight, in the batched lookup. */
  static final int BATCH = 50;
  static final int MAX_CONCURRENCY = 4;

  final String sql;

  RestCase(String sql) {
    this.sql = sql;
  }

  /** The case whose rows this one must return too, if any. */
  Optional<RestCase> sameRowsAs() {
    return switch (this) {
      case LOOKUP_ONE_BY_ONE, LOOKUP_UNHINTED -> Optional.of(LOOKUP_BATCHED);
      case CACHED -> Optional.of(LISTING);
      default -> Optional.empty();
    };
  }

  /** How the case is named in the report. */
  String label() {
    return switch (this) {
      case LISTING -> "listing, offset paging, " + PAGE_SIZE + " per page";
      case LOOKUP_UNHINTED -> "join, xsql's choice";
      case LOOKUP_BATCHED -> "lookup join, `batch: " + BATCH + "`, `max_concurrency: " + MAX_CONCURRENCY + "`";
      case LOOKUP_ONE_BY_ONE -> "lookup join, one key per request, `max_concurrency: 1`";
      case CACHED -> "listing again, `cache: { ttl: 60s }`";
    };
  }

  /**
   * The catalog xsql runs the cases over: the keys file and three sources on the same API, {@code api} and
   * {@code serial} differing in their budget and the orders' parameter, {@code cached} in its cache (a source's
   * budget and cache are its own).
   */
  static String catalog(String url, String keys) {
    String customers = "customers: { path: /customers, records: /data, paging: { type: offset, page_size: "
        + PAGE_SIZE + " } }";
    // The orders cannot be listed without customers: a required parameter, so the columns are given, not sampled.
    String orders = "orders: { path: /orders, records: /items, columns: { id: INTEGER, customer_id: INTEGER,"
        + " total: DOUBLE }, params: { customer_id: { column: customer_id, required: true%s } } }";
    return "sources:\n"
        + "  keys: { type: jsonl, path: \"" + keys + "\" }\n"
        + "  api: { type: rest, url: \"" + url + "\", budget: { max_concurrency: " + MAX_CONCURRENCY + " },\n"
        + "         tables: { " + customers + ",\n                   " + orders.formatted(", batch: " + BATCH)
        + " } }\n"
        + "  serial: { type: rest, url: \"" + url + "\", budget: { max_concurrency: 1 },\n"
        + "            tables: { " + orders.formatted("") + " } }\n"
        + "  cached: { type: rest, url: \"" + url + "\", cache: { ttl: 60s }, tables: { " + customers + " } }\n";
  }
}
