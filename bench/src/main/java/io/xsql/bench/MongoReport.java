package io.xsql.bench;

import static io.xsql.bench.Figures.down;
import static io.xsql.bench.Figures.mib;
import static io.xsql.bench.Figures.ratio;
import static io.xsql.bench.Figures.seconds;
import static io.xsql.bench.Figures.up;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The report's MongoDB section ({@link ReportSection#MONGO}) and its CSV, and the differences in rows that
 * fail the run. Times are printed as measured, to the millisecond; figures judged against a goal are
 * rounded against xsql ({@link Figures}).
 */
final class MongoReport {
  /** The goals. */
  static final double SCAN_RATIO = 1.2;
  static final double LOOKUP_SPEED_UP = 20;
  /**
   * The server's version: its jar carries none at run time. The parent POM manages it, with the driver's
   * (whose version the driver reports itself).
   */
  private static final String SERVER = "mongo-java-server 1.47.0";

  /** What the served-documents columns hold. */
  private static final String SERVED = "The last three columns come from the server (its backend wraps"
      + " mongo-java-server's) while one more JVM runs the query once: the documents it returned to finds whose"
      + " filter uses `$in` and to other finds (scans, and xsql's sample of the collection to type its columns),"
      + " and its time answering them (it matches every document of a find before its first reply, so the"
      + " rest of a run's time is the client's and the network's).";
  private static final String SERVED_COLUMNS = "documents returned to `$in` finds | to other finds | server's time";

  private final BenchSettings settings;
  private final Machine machine;
  private final MongoRun run;

  MongoReport(BenchSettings settings, Machine machine, MongoRun run) {
    this.settings = settings;
    this.machine = machine;
    this.run = run;
  }

  /** Puts the section into the report (replacing the one it has) and writes the CSV. */
  void write() throws IOException {
    ReportSection.MONGO.write(settings.markdown(), markdown());
    ReportSection.writeFile(settings.mongo().csv(), csv());
  }

  /** Rows that differ between the driver and xsql, between the two plans, or between a case's runs. */
  List<String> mismatches() {
    List<String> out = new ArrayList<>();
    for (MongoResult r : run.results()) {
      if (!r.runs().isEmpty() && !r.rowsAgree()) {
        out.add("MongoDB " + r.query() + ": the runs returned different numbers of rows");
      }
    }
    MongoResult driver = run.find(MongoCase.SCAN_DRIVER);
    for (MongoCase q : MongoCase.of(MongoCase.Part.SCAN)) {
      MongoResult other = run.find(q);
      if (!driver.runs().isEmpty() && !other.runs().isEmpty() && driver.rows() != other.rows()) {
        out.add(String.format(Locale.ROOT, "row counts differ on the MongoDB scan: %s returned %d, %s %d", q,
            other.rows(), MongoCase.SCAN_DRIVER, driver.rows()));
      }
      sameRows(MongoCase.SCAN_DRIVER, q).filter(same -> !same).ifPresent(same -> out.add("rows differ on the"
          + " MongoDB scan: " + q + " and " + MongoCase.SCAN_DRIVER + " returned different rows (sorted checksums)"));
    }
    for (MongoCase.Part part : List.of(MongoCase.Part.LOOKUP, MongoCase.Part.LOOKUP_ID)) {
      sameRows(MongoCase.of(part).get(0), MongoCase.of(part).get(1)).filter(same -> !same).ifPresent(same -> out.add(
          "rows differ on the MongoDB lookup join on " + part.field + ": the lookup and hash plans returned"
          + " different rows"));
    }
    return out;
  }

  /** Whether two cases returned the same rows (count and sorted checksum), if both were checked. */
  private Optional<Boolean> sameRows(MongoCase a, MongoCase b) {
    Optional<String> x = run.find(a).checkedRows();
    Optional<String> y = run.find(b).checkedRows();
    return x.isPresent() && y.isPresent() ? Optional.of(x.get().equals(y.get())) : Optional.empty();
  }

  String markdown() {
    MongoSettings mongo = settings.mongo();
    StringBuilder b = ReportSection.MONGO.opening("MongoDB", machine, run.loadAverages());
    b.append("- Server: ").append(SERVER).append(" with its in-memory backend, in the harness's JVM on a loopback"
        + " port (no MongoDB server runs here), so the figures are this server's: it matches documents in Java"
        + " and keeps indexes only for unique keys (see the index check). Every client is MongoDB's Java driver ")
        .append(run.driverVersion()).append(" (`mongodb-driver-sync`): the peer, xsql's MongoDB source, the"
            + " loader.\n");
    b.append(String.format(Locale.ROOT, "- Data: %,d orders `{_id: int, customer: int 1..%,d, status: one of %s,"
        + " total: double 0..999.99, day: date in 2024, items: int 1..9}` generated from seed 42, loaded with"
        + " `insertMany` in %s s, then `createIndex({customer: 1})`.%n", mongo.documents(), mongo.customers(),
        MongoOrders.STATUSES.size(), seconds(run.loadMillis())));
    b.append(String.format(Locale.ROOT, "- Each case in its own JVM (no class-data-sharing archive): one untimed run"
        + " (\"first\": a fresh JVM, JIT warm-up in it), then %d timed runs (median); the -Xmx64m case runs once."
        + " A run is the query plus reading every value of every row. Times in seconds, memory in MiB (\"peak"
        + " heap\": the sum of the heap pools' peaks, an upper bound).%n", settings.warmRuns()));
    b.append("- Calcite's own MongoDB adapter is not run: `org.apache.calcite:calcite-mongodb` 1.42.0 is not"
        + " published on Maven Central (its newest release there is 1.36.0), and 1.36.0, built against the"
        + " MongoDB driver 4.10, fails with the 5.x driver xsql uses (`NoSuchMethodError:"
        + " MongoDatabase.listCollectionNames()` when it lists the collections).\n");
    if (!run.problem().isEmpty()) {
      b.append("\nNot run: ").append(run.problem().replace("|", "\\|")).append('\n');
      return b.append(ReportSection.MONGO.end()).append('\n').toString();
    }
    run.index().ifPresent(index -> indexCheck(b, index));
    scan(b);
    lookup(b, MongoCase.Part.LOOKUP);
    lookup(b, MongoCase.Part.LOOKUP_ID);
    goals(b);
    return b.append(ReportSection.MONGO.end()).append('\n').toString();
  }

  private void indexCheck(StringBuilder b, MongoIndexCheck index) {
    b.append(String.format(Locale.ROOT, "%n### Index check%n%nThe lookup's keys sent by MongoDB's Java driver in"
        + " the harness's JVM, as one `find` each (projection `_id`, `total`), one untimed run then %d timed"
        + " (median). `listIndexes` after `createIndex`: %s. mongo-java-server accepts an index on a key that is"
        + " not unique but does not build it (it logs that secondary indexes are not implemented), so the find"
        + " by `customer` reads every document and tests its key against the `$in` list; the unique `_id`"
        + " index answers the same numbers by `_id`.%n%n| find | documents | median |%n|---|---:|---:|%n",
        settings.warmRuns(), String.join(", ", index.indexes())));
    find(b, index.before(), "before `createIndex`");
    find(b, index.after(), "after `createIndex`");
    find(b, index.byId(), "the `_id` index");
  }

  private static void find(StringBuilder b, MongoIndexCheck.Finds f, String when) {
    b.append(String.format(Locale.ROOT, "| `%s`, %s | %,d | %s |%n", f.filter(), when, f.rows(),
        seconds(f.medianMillis())));
  }

  private void scan(StringBuilder b) {
    MongoResult xsql = run.find(MongoCase.SCAN_XSQL);
    b.append(String.format(Locale.ROOT, "%n### Filtered, projected scan%n%n`%s` through xsql, and through MongoDB's"
        + " Java driver sending xsql's `find`: xsql's EXPLAIN shows `%s`, and its find also projects the filter's"
        + " fields, which xsql checks again on each document; the driver sends that filter and projection with"
        + " `batchSize(%d)` (xsql's), decodes each document into the driver's default `Document` and reads `_id`"
        + " and `total`. A second driver case projects only those two, as a find written for this query by hand"
        + " would. Every JVM runs with -Xmx256m. \"projection\": what the server received. \"same rows\": the rows"
        + " of one more run, sorted, have the same checksum as those of the driver sending xsql's find. %s%n%n",
        MongoCase.SCAN_SQL, xsql.find().orElse("n/a"), MongoBench.BATCH_SIZE, SERVED));
    b.append("| case | warm | first run | peak heap | peak RSS | rows | same rows | projection | " + SERVED_COLUMNS
        + " | note |\n|---|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---|\n");
    for (MongoCase q : MongoCase.of(MongoCase.Part.SCAN)) {
      MongoResult r = run.find(q);
      b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", q.label(),
          seconds(r.warmMillis()), seconds(r.firstMillis()), mib(r.peakHeapMb()), mib(r.peakRssMb()), rows(r),
          q == MongoCase.SCAN_DRIVER ? "" : yesNo(sameRows(MongoCase.SCAN_DRIVER, q)),
          r.projection().map(p -> "`" + p + "`").orElse("n/a"), served(r), note(r)));
    }
    b.append(String.format(Locale.ROOT, "%nxsql / driver sending xsql's find (warm medians): %s; xsql / driver"
        + " projecting `_id`, `total` only: %s%n", ratio(scanRatio(MongoCase.SCAN_DRIVER)),
        ratio(scanRatio(MongoCase.SCAN_DRIVER_TWO_FIELDS))));
  }

  private void lookup(StringBuilder b, MongoCase.Part part) {
    MongoSettings mongo = settings.mongo();
    MongoCase auto = MongoCase.of(part).get(0);
    MongoCase hash = MongoCase.of(part).get(1);
    String keys = part == MongoCase.Part.LOOKUP_ID ? String.format(Locale.ROOT, "%,d distinct `_id` values (drawn"
        + " from 1..%,d, seed 42: every one matches an order)", mongo.keys(), mongo.keyRange(part))
        : String.format(Locale.ROOT, "%,d distinct customers (drawn from 1..%,d, seed 42)", mongo.keys(),
            mongo.keyRange(part));
    String why = part == MongoCase.Part.LOOKUP_ID ? "The same join keyed on `_id`, whose unique index the server"
        + " answers `$in` from (the index check), to measure the lookup plan where the source can look keys up."
        : "These run before the scans: in trial runs where they came after, the server ran the same `$in` find"
        + " several times slower (it compares each document's key with every key of the list, as boxed numbers;"
        + " its JIT-compiled code for that got worse once other filters had run).";
    b.append(String.format(Locale.ROOT, "%n### Lookup join on `%s`%n%n`%s`: %s in a JSON Lines file, joined to the"
        + " %,d orders with xsql's choice and with the hash plan (`/*+ HASH_JOIN(k) */`: a hash table of the keys,"
        + " the collection streamed), each in a JVM with -Xmx256m. %s %s%n%n", part.field, auto.sql(), keys,
        mongo.documents(), why, SERVED));
    b.append("| case | EXPLAIN shows | warm | first run | peak heap | rows | " + SERVED_COLUMNS + " | note |\n"
        + "|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (MongoCase q : MongoCase.of(part)) {
      MongoResult r = run.find(q);
      b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", q.label(),
          r.strategy().orElse("n/a"), seconds(r.warmMillis()), seconds(r.firstMillis()), mib(r.peakHeapMb()),
          rows(r), served(r), note(r)));
    }
    double speedUp = speedUp(part);
    b.append(String.format(Locale.ROOT, "%nHash plan time / lookup time: %s. The same rows from both plans"
        + " (sorted checksums): %s.%n", Double.isNaN(speedUp) ? "n/a" : down(speedUp) + "x",
        yesNo(sameRows(auto, hash))));
    MongoResult lookup = run.find(auto);
    Optional<MongoIndexCheck.Finds> driverFind = run.index().map(i -> part == MongoCase.Part.LOOKUP_ID ? i.byId()
        : i.after());
    lookup.find().ifPresent(f -> b.append("xsql's find per batch of keys: `").append(f).append("`; MongoDB's Java"
        + " driver sending one such find of ").append(part == MongoCase.Part.LOOKUP_ID ? "customers' numbers as"
        + " `_id`s" : "the same keys").append(" (the index check, median): ")
        .append(driverFind.map(d -> seconds(d.medianMillis()) + " s").orElse("n/a"))
        .append(String.format(Locale.ROOT, " (xsql's lookup join / that find: %s).%n",
            ratio(lookup.medianMillis() / driverFind.map(Runs::medianMillis).orElse(Double.NaN)))));
  }

  /** The served-documents columns of a case. */
  private static String served(MongoResult r) {
    return r.served().map(s -> String.format(Locale.ROOT, "%,d | %,d | %s", s.toIn(), s.toOther(),
        seconds(s.millis()))).orElse("n/a | n/a | n/a");
  }

  /** The goals, judged on this run's unrounded figures. */
  private void goals(StringBuilder b) {
    MongoResult driver = run.find(MongoCase.SCAN_DRIVER);
    MongoResult xsql = run.find(MongoCase.SCAN_XSQL);
    double ratio = scanRatio(MongoCase.SCAN_DRIVER);
    // Like for like only if the server received the same projection from both.
    boolean sameFind = xsql.projection().isPresent() && xsql.projection().equals(driver.projection());
    b.append("\n### Goals\n\n| goal | measured | met |\n|---|---|---|\n");
    b.append(String.format(Locale.ROOT, "| xsql's scan at most %.1fx the time of the driver sending the same find |"
        + " %s | %s |%n", SCAN_RATIO, Double.isNaN(ratio) ? "not run" : String.format(Locale.ROOT,
            "%sx (xsql %s s, driver %s s; same projection received: %s)", up(ratio, 2),
            up(xsql.medianMillis() / 1000, 3), seconds(driver.medianMillis()), sameFind ? "yes" : "**no**"),
        !sameFind && !Double.isNaN(ratio) ? "n/a (not the same find)" : met(ratio <= SCAN_RATIO, ratio)));
    MongoResult small = run.find(MongoCase.SCAN_XSQL_64M);
    b.append(String.format(Locale.ROOT, "| xsql's scan completes with -Xmx64m | %s | %s |%n", small.runs().isEmpty()
        ? "failed: " + note(small) : String.format(Locale.ROOT, "finished in %s s, %,d rows",
            up(small.medianMillis() / 1000, 3), small.rows()), small.runs().isEmpty() ? "no" : "yes"));
    lookupGoals(b, MongoCase.Part.LOOKUP);
    lookupGoals(b, MongoCase.Part.LOOKUP_ID);
    Optional<Boolean> scanRows = sameRows(MongoCase.SCAN_DRIVER, MongoCase.SCAN_XSQL)
        .flatMap(x -> sameRows(MongoCase.SCAN_DRIVER, MongoCase.SCAN_DRIVER_TWO_FIELDS).map(y -> x && y));
    Optional<Boolean> joinRows = sameRows(MongoCase.LOOKUP_AUTO, MongoCase.LOOKUP_HASH);
    Optional<Boolean> idRows = sameRows(MongoCase.LOOKUP_ID_AUTO, MongoCase.LOOKUP_ID_HASH);
    b.append(String.format(Locale.ROOT, "| the same rows: xsql and the driver; the lookup and the hash plan | scan %s,"
        + " join on `customer` %s, join on `_id` %s | %s |%n", yesNo(scanRows), yesNo(joinRows), yesNo(idRows),
        scanRows.isEmpty() || joinRows.isEmpty() || idRows.isEmpty() ? "n/a"
            : scanRows.get() && joinRows.get() && idRows.get() ? "yes" : "no"));
  }

  /**
   * A lookup join's goals: unhinted it runs as a lookup; it is {@link #LOOKUP_SPEED_UP} times faster than the
   * hash plan while its {@code $in} finds return only the documents that join (one per key on {@code _id}).
   */
  private void lookupGoals(StringBuilder b, MongoCase.Part part) {
    MongoResult lookup = run.find(MongoCase.of(part).get(0));
    MongoResult hash = run.find(MongoCase.of(part).get(1));
    boolean isLookup = lookup.strategy().filter("LOOKUP"::equals).isPresent();
    b.append(String.format(Locale.ROOT, "| unhinted, the join on `%s` runs as a lookup (`strategy=[lookup]`) |"
        + " EXPLAIN shows %s | %s |%n", part.field, lookup.strategy().orElse("nothing"), isLookup ? "yes" : "no"));
    double speedUp = speedUp(part);
    long read = lookup.served().map(MongoServedDocuments.Count::toIn).orElse(-1L);
    boolean readsOnlyMatches = read == lookup.rows();
    boolean met = speedUp >= LOOKUP_SPEED_UP && isLookup && hash.ranAsForced() && readsOnlyMatches;
    // The customer join cannot meet it on this server; the index check shows why, in figures.
    String why = met || part != MongoCase.Part.LOOKUP ? "" : run.index().map(i -> String.format(Locale.ROOT,
        " (mongo-java-server builds no index on `customer`: each `$in` find scans the whole collection, %s s for"
        + " the keys, against %s s by the `_id` index; see the index check)", seconds(i.after().medianMillis()),
        seconds(i.byId().medianMillis()))).orElse("");
    b.append(String.format(Locale.ROOT, "| the lookup join on `%s` at least %.0fx faster than the hash plan, its"
        + " `$in` finds returning only the documents that join | %s | %s |%n", part.field, LOOKUP_SPEED_UP,
        Double.isNaN(speedUp) ? "not run" : String.format(Locale.ROOT, "%sx (lookup %s s, hash plan %s s);"
            + " documents returned to `$in` finds: %s for %s rows", down(speedUp), up(lookup.medianMillis() / 1000,
            3), seconds(hash.medianMillis()), read < 0 ? "n/a" : String.format(Locale.ROOT, "%,d", read),
            rows(lookup)), Double.isNaN(speedUp) ? "n/a" : met ? "yes" : "no" + why));
  }

  /** Every measurement: the load, the index check's finds, each case's first and timed runs. */
  String csv() {
    StringBuilder b = new StringBuilder("case,engine,mode,run,rows,millis,peak_heap_mb,peak_rss_mb,note\n");
    b.append(String.format(Locale.ROOT, "LOAD,driver,once,1,%d,%.3f,,,insertMany%n", settings.mongo().documents(),
        run.loadMillis()));
    run.index().ifPresent(index -> {
      finds(b, "INDEX_CUSTOMER_BEFORE", index.before());
      finds(b, "INDEX_CUSTOMER_AFTER", index.after());
      finds(b, "INDEX_ID", index.byId());
    });
    for (MongoResult r : run.results()) {
      String engine = r.query().engine.name().toLowerCase(Locale.ROOT);
      String note = Stream.of(r.strategy().map(s -> "strategy " + s), r.served().map(s -> "documents returned to"
          + " $in finds " + s.toIn() + " and to other finds " + s.toOther() + String.format(Locale.ROOT,
              " in %.3f ms of the server's time", s.millis())), r.checkedRows().map(c -> "rows and"
          + " sorted checksum " + c), Optional.of(r.note()).filter(n -> !n.isEmpty()))
          .flatMap(Optional::stream).reduce((x, y) -> x + "; " + y).orElse("").replace(',', ';');
      r.first().ifPresent(m -> row(b, r.query().name(), engine, "first", 1, m, note));
      for (int i = 0; i < r.runs().size(); i++) {
        row(b, r.query().name(), engine, r.first().isPresent() ? "timed" : "once", i + 1, r.runs().get(i), note);
      }
      if (r.runs().isEmpty()) {
        b.append(String.format(Locale.ROOT, "%s,%s,timed,0,,,,,%s%n", r.query(), engine, note));
      }
    }
    return b.toString();
  }

  private static void finds(StringBuilder b, String name, MongoIndexCheck.Finds f) {
    for (int i = 0; i < f.runs().size(); i++) {
      row(b, name, "driver", "timed", i + 1, f.runs().get(i), f.filter().replace(',', ';'));
    }
  }

  private static void row(StringBuilder b, String name, String engine, String mode, int run, Measurement m,
      String note) {
    b.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%.3f,%s,%s,%s%n", name, engine, mode, run, m.rows(),
        m.millis(), Double.isNaN(m.peakHeapMb()) ? "" : String.format(Locale.ROOT, "%.1f", m.peakHeapMb()),
        Double.isNaN(m.peakRssMb()) ? "" : String.format(Locale.ROOT, "%.1f", m.peakRssMb()), note));
  }

  private double scanRatio(MongoCase driver) {
    return run.find(MongoCase.SCAN_XSQL).medianMillis() / run.find(driver).medianMillis();
  }

  /** Hash plan time / lookup time of a lookup join. */
  private double speedUp(MongoCase.Part part) {
    return run.find(MongoCase.of(part).get(1)).medianMillis() / run.find(MongoCase.of(part).get(0)).medianMillis();
  }

  private static String rows(MongoResult r) {
    return r.runs().isEmpty() ? "n/a" : String.format(Locale.ROOT, "%,d", r.rows());
  }

  private static String yesNo(Optional<Boolean> same) {
    return same.map(s -> s ? "yes" : "**no**").orElse("n/a");
  }

  private static String met(boolean met, double figure) {
    return Double.isNaN(figure) ? "n/a" : met ? "yes" : "no";
  }

  private static String note(MongoResult r) {
    String hint = r.ranAsForced() || r.runs().isEmpty() ? "" : "hint not followed: EXPLAIN shows "
        + r.strategy().orElse("nothing");
    return String.join("; ", Stream.of(hint, r.note()).filter(s -> !s.isEmpty()).toList()).replace("|", "\\|");
  }
}
