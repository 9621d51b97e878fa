package io.xsql.bench;

import static io.xsql.bench.Figures.down;
import static io.xsql.bench.Figures.mib;
import static io.xsql.bench.Figures.seconds;
import static io.xsql.bench.Figures.up;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The report's REST section ({@link ReportSection#REST}) and the differences in rows that fail the run. Times
 * are printed as measured; figures judged against a goal are rounded against xsql ({@link Figures}). A case's
 * floor is the latency its requests cannot avoid: {@link RestServedApi#LATENCY_MILLIS} per request, divided by
 * the requests the catalog lets run at once.
 */
final class RestReport {
  /** The goals. */
  static final double LISTING_OVER_FLOOR = 1.3;
  static final long LOOKUP_REQUESTS = 20;
  static final double LOOKUP_OVER_FLOOR = 1.5;
  static final double ONE_BY_ONE_SLOWER = 50;

  private final BenchSettings settings;
  private final Machine machine;
  private final RestRun run;

  RestReport(BenchSettings settings, Machine machine, RestRun run) {
    this.settings = settings;
    this.machine = machine;
    this.run = run;
  }

  void write() throws IOException {
    ReportSection.REST.write(settings.markdown(), markdown());
  }

  /** Cases whose runs returned different numbers of rows, or that return other rows than their peer. */
  List<String> mismatches() {
    List<String> out = new ArrayList<>();
    for (RestResult r : run.results()) {
      long checked = r.checkedRows().map(c -> Long.parseLong(c.substring(0, c.indexOf(' ')))).orElse(r.rows());
      if (!r.runs().stream().allMatch(m -> m.rows() == checked)) {
        out.add("REST " + r.query() + ": the runs returned different numbers of rows");
      }
      r.query().sameRowsAs().flatMap(peer -> run.sameRows(r.query(), peer)).filter(same -> !same).ifPresent(same ->
          out.add("rows differ on REST: " + r.query() + " and " + r.query().sameRowsAs().orElseThrow()
              + " returned different rows (sorted checksums)"));
    }
    return out;
  }

  /** The floor of a case in milliseconds: its requests' latency, as many at once as the catalog allows. */
  double floorMillis(RestCase q) {
    long waves = switch (q) {
      case LISTING, CACHED -> ceil(RestServedApi.CUSTOMERS, RestCase.PAGE_SIZE);
      case LOOKUP_UNHINTED, LOOKUP_BATCHED -> ceil(ceil(run.keys(), RestCase.BATCH), RestCase.MAX_CONCURRENCY);
      case LOOKUP_ONE_BY_ONE -> run.keys();
    };
    return waves * (double) RestServedApi.LATENCY_MILLIS;
  }

  String markdown() {
    StringBuilder b = ReportSection.REST.opening("REST/JSON API", machine, run.loadAverages());
    b.append(String.format(Locale.ROOT, "- API: the JDK's `com.sun.net.httpserver.HttpServer` in the harness's JVM"
        + " on a loopback port, answering every request %d ms after it arrived (the answer is sent from a"
        + " scheduler, no thread waits), counting requests and the most in flight at once. `/customers?offset=&limit=`"
        + " lists %,d customers `{id, name, city}`; `/orders?customer_id=1,2,...` gives %d orders `{id,"
        + " customer_id, total}` per customer asked for.%n", RestServedApi.LATENCY_MILLIS, RestServedApi.CUSTOMERS,
        RestServedApi.ORDERS_PER_CUSTOMER));
    b.append(String.format(Locale.ROOT, "- The lookup joins read %,d distinct customer ids (drawn from 1..%,d, seed"
        + " 42) from a JSON Lines file; the measured ones are forced to a lookup (`/*+ LOOKUP_JOIN(o) */`), xsql's"
        + " own choice is the first join case. Sources, from the catalog the JVMs use: `api` (`budget: { max_concurrency:"
        + " %d }`; `customers` with `paging: { type: offset, page_size: %d }`; `orders` with `params: { customer_id:"
        + " { batch: %d } }`), `serial` (`max_concurrency: 1`; `orders` with no `batch`: one request per key, as"
        + " Steampipe's REST plugins do) and `cached` (`customers` as in `api`, `cache: { ttl: 60s }`).%n",
        run.keys(), RestServedApi.CUSTOMERS, RestCase.MAX_CONCURRENCY, RestCase.PAGE_SIZE, RestCase.BATCH));
    b.append(String.format(Locale.ROOT, "- Each case in its own JVM (-Xmx256m): one untimed run (\"first\": a fresh"
        + " JVM, and the cache empty), then %d timed runs (median). A run is the query plus reading every value of"
        + " every row. \"floor\": the %d ms latency of the case's requests, as many at once as its budget allows;"
        + " \"requests\": counted by the API during each run. Times in seconds.%n", settings.warmRuns(),
        RestServedApi.LATENCY_MILLIS));
    b.append("\n| case | query | EXPLAIN shows | warm | first run | floor | warm / floor | requests, first run |"
        + " requests, each timed run | most in flight | peak heap | rows | same rows as | note |\n"
        + "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
    for (RestCase q : RestCase.values()) {
      RestResult r = run.find(q);
      b.append(String.format(Locale.ROOT, "| %s | `%s` | %s | %s | %s | %s | %s | %s | %s | %d | %s | %s | %s | %s |%n",
          q.label(), q.sql, r.strategy().orElse(""), seconds(r.medianMillis()),
          seconds(r.first().map(Measurement::millis).orElse(Double.NaN)), seconds(floorMillis(q)),
          r.runs().isEmpty() ? "n/a" : up(r.medianMillis() / floorMillis(q), 2),
          r.firstRequests().map(x -> String.format(Locale.ROOT, "%,d", x.count())).orElse("n/a"), timedRequests(r),
          r.maxInFlight(), mib(r.peakHeapMb()), r.runs().isEmpty() ? "n/a" : String.format(Locale.ROOT, "%,d",
              r.rows()), q.sameRowsAs().map(p -> p + ": " + yesNo(run.sameRows(q, p))).orElse(""),
          r.note().replace("|", "\\|")));
    }
    goals(b);
    return b.append(ReportSection.REST.end()).append('\n').toString();
  }

  private void goals(StringBuilder b) {
    b.append("\n### Goals\n\n| goal | measured | met |\n|---|---|---|\n");
    RestResult listing = run.find(RestCase.LISTING);
    double listingOver = listing.medianMillis() / floorMillis(RestCase.LISTING);
    b.append(String.format(Locale.ROOT, "| the listing at most %.1fx its floor (%,d pages x %d ms), the next page"
        + " asked for while one is read | %s | %s |%n", LISTING_OVER_FLOOR,
        ceil(RestServedApi.CUSTOMERS, RestCase.PAGE_SIZE), RestServedApi.LATENCY_MILLIS, overFloor(listing,
            RestCase.LISTING), met(listingOver <= LISTING_OVER_FLOOR, listingOver)));
    RestResult unhinted = run.find(RestCase.LOOKUP_UNHINTED);
    b.append(String.format(Locale.ROOT, "| unhinted, xsql plans the join into the API as a lookup | EXPLAIN shows %s%s"
        + " | %s |%n", unhinted.strategy().orElse("nothing"), unhinted.note().isEmpty() ? "" : "; "
            + unhinted.note().replace("|", "\\|"), unhinted.strategy().filter("LOOKUP"::equals).isPresent()
            && unhinted.note().isEmpty() ? "yes" : "no"));
    RestResult batched = run.find(RestCase.LOOKUP_BATCHED);
    double batchedOver = batched.medianMillis() / floorMillis(RestCase.LOOKUP_BATCHED);
    long requests = batched.requestsPerRun().orElse(Long.MAX_VALUE);
    b.append(String.format(Locale.ROOT, "| the batched lookup join at most %d requests and %.1fx its floor"
        + " (ceil(%d / %d) x %d ms) | %s requests; %s | %s |%n", LOOKUP_REQUESTS, LOOKUP_OVER_FLOOR,
        ceil(run.keys(), RestCase.BATCH), RestCase.MAX_CONCURRENCY, RestServedApi.LATENCY_MILLIS,
        timedRequests(batched), overFloor(batched, RestCase.LOOKUP_BATCHED),
        met(requests <= LOOKUP_REQUESTS && batchedOver <= LOOKUP_OVER_FLOOR, batchedOver)));
    RestResult serial = run.find(RestCase.LOOKUP_ONE_BY_ONE);
    double slower = serial.medianMillis() / batched.medianMillis();
    b.append(String.format(Locale.ROOT, "| one key per request, one in flight, at least %.0fx slower than the batched"
        + " join | %s | %s |%n", ONE_BY_ONE_SLOWER, Double.isNaN(slower) ? "not run" : String.format(Locale.ROOT,
            "%sx (%s s, %s requests, against %s s)", down(slower), seconds(serial.medianMillis()),
            timedRequests(serial), seconds(batched.medianMillis())), met(slower >= ONE_BY_ONE_SLOWER, slower)));
    RestResult cached = run.find(RestCase.CACHED);
    Optional<Long> second = cached.requests().stream().findFirst().map(RestBench.Requests::count);
    b.append(String.format(Locale.ROOT, "| the query repeated within the cache's TTL sends no request | first run"
        + " %s requests, second run %s | %s |%n", cached.firstRequests().map(x -> String.valueOf(x.count()))
            .orElse("n/a"), second.map(String::valueOf).orElse("n/a"), second.map(n -> n == 0 ? "yes" : "no")
            .orElse("n/a")));
    Optional<Boolean> lookups = run.sameRows(RestCase.LOOKUP_BATCHED, RestCase.LOOKUP_ONE_BY_ONE);
    Optional<Boolean> listings = run.sameRows(RestCase.LISTING, RestCase.CACHED);
    b.append(String.format(Locale.ROOT, "| the same rows: the two lookup joins; the listing and the cached one |"
        + " joins %s, listings %s | %s |%n", yesNo(lookups), yesNo(listings), lookups.isEmpty() || listings.isEmpty()
            ? "n/a" : lookups.get() && listings.get() ? "yes" : "no"));
  }

  private String overFloor(RestResult r, RestCase q) {
    return r.runs().isEmpty() ? "not run" : String.format(Locale.ROOT, "%sx (%s s, floor %s s)",
        up(r.medianMillis() / floorMillis(q), 2), up(r.medianMillis() / 1000, 3), seconds(floorMillis(q)));
  }

  /** The requests of each timed run: one figure if they agree, else each. */
  private static String timedRequests(RestResult r) {
    return r.runs().isEmpty() ? "n/a" : r.requestsPerRun().map(n -> String.format(Locale.ROOT, "%,d", n))
        .orElse(r.requests().stream().map(x -> String.valueOf(x.count())).toList().toString());
  }

  private static long ceil(long a, long b) {
    return (a + b - 1) / b;
  }

  private static String yesNo(Optional<Boolean> same) {
    return same.map(s -> s ? "yes" : "**no**").orElse("n/a");
  }

  private static String met(boolean met, double figure) {
    return Double.isNaN(figure) ? "n/a" : met ? "yes" : "no";
  }
}
