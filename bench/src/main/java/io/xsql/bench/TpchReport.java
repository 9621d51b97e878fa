package io.xsql.bench;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * The report's TPC-H section ({@link ReportSection#TPCH}) and its CSV. Figures are printed as measured (to
 * the millisecond, ratios to two decimals); every verdict is taken on the unrounded figures.
 */
final class TpchReport {
  /** The goals. */
  static final double SMALL_SF = 0.1;
  static final double LARGE_SF = 1;
  static final double SMALL_QUERY_MILLIS = 5000;
  static final double SMALL_PLANNING_MILLIS = 1000;
  static final double LARGE_GEOMEAN = 1.5;

  private final BenchSettings settings;
  private final Machine machine;
  private final String servers;
  private final List<TpchScale> scales;

  /** @param servers the database servers' versions, as the report names them */
  TpchReport(BenchSettings settings, Machine machine, String servers, List<TpchScale> scales) {
    this.settings = settings;
    this.machine = machine;
    this.servers = servers;
    this.scales = List.copyOf(scales);
  }

  /** Puts the section into the report (replacing the one it has) and writes the CSV. */
  void write() throws IOException {
    ReportSection.TPCH.write(settings.markdown(), markdown());
    ReportSection.writeFile(settings.tpch().csv(), csv());
  }

  /** One line per wrong query, for the harness's exit status. */
  static List<String> wrong(List<TpchScale> scales) {
    List<String> out = new ArrayList<>();
    for (TpchScale s : scales) {
      s.wrong().forEach(q -> out.add("TPC-H SF " + s.label() + " " + q.name() + ": WRONG result: " + q.difference()));
    }
    return out;
  }

  String markdown() {
    StringBuilder b = new StringBuilder(ReportSection.TPCH.begin()).append("\n## TPC-H\n\n");
    b.append("- Date: ").append(LocalDate.now()).append('\n');
    b.append("- Machine: ").append(machine).append("; ").append(servers).append(" on the same machine\n");
    b.append("- Layout: `lineitem` and `orders` in PostgreSQL, `customer`, `nation` and `region` in MariaDB, `part`"
        + " in MongoDB (mongo-java-server 1.47, in memory, started in the harness's JVM and loaded with part at"
        + " each run; one document per row, the key also as `_id`), `partsupp` as a CSV file, `supplier` as JSON"
        + " Lines, with every column's type pinned in the catalog (the tck's `TpchFixture`, data from"
        + " `io.trino.tpch`, dbgen's port). The reference: PostgreSQL holding all eight tables in one database,"
        + " running the same 22 queries (validation parameters) without the source prefixes, except Q17 and Q20:"
        + " PostgreSQL runs their correlated scalar subqueries once per row (hours at SF 1), so it runs the same"
        + " question with the subquery as a grouped derived table (the tck's `q17.reference.sql`,"
        + " `q20.reference.sql`), and its time there is that text's. The databases"
        + " (`xsql_bench_tpch_sf<SF>_pg`, `_my`, `_ref`) and files (`bench/data/tpch-sf<SF>/`) are loaded once"
        + " and kept, like the PostgreSQL table above: later runs reuse them (a fixture of another format is"
        + " reloaded); drop the databases to reclaim the space.\n");
    b.append(String.format(Locale.ROOT, "- Each query in its own JVM (default heap, no class-data-sharing archive):"
        + " xsql once (\"first\": the first query of a fresh JVM, connection already open), then %d timed runs"
        + " (median: \"xsql\"; each planned anew, as the connection keeps no plans: `planCache=0`), then"
        + " `EXPLAIN PLAN FOR` the query %d times (median: \"planning\", a proxy for"
        + " planning time: parse, validate and optimize, no code generation or execution), then PostgreSQL once"
        + " untimed and %d timed runs (median). A first run slower than %d s gets one timed run, and a timed run that slow is the"
        + " last (`*`: fewer timed runs). A run is"
        + " `executeQuery` plus reading every value of every row; every statement has a %d s timeout. Times in"
        + " seconds.%n", settings.warmRuns(), TpchBench.EXPLAINS, settings.warmRuns(),
        settings.slowMillis() / 1000, settings.tpch().timeoutSeconds()));
    b.append("- The peer, plain Calcite " + calciteVersion() + " federating the same sources as a Calcite user"
        + " sets it up (`bench/data/tpch-sf<SF>/calcite-model.json`, written by the harness): its JDBC adapter over"
        + " the PostgreSQL and MariaDB databases; for the files, which calcite-core cannot read, and for part in"
        + " MongoDB, a scannable table that reads the file or the whole collection (through MongoDB's Java"
        + " driver) on each scan, as the main suite's peer reads its JSON Lines. Calcite's MongoDB adapter is not"
        + " used: it is not published for 1.42 in the registry here, and its newest there (1.36) fails with"
        + " `NoSuchMethodError` against MongoDB's driver 5.5.1 (xsql's). Each query in a JVM of its own after"
        + " xsql's, timed as xsql is (first run, then the timed runs' median), with the same timeout; its results"
        + " compared with PostgreSQL's (run once more in its JVM, untimed). \"xsql / Calcite\" below 1: xsql was"
        + " faster.\n");
    b.append(settings.tpch().pgJit() ? "- Both PostgreSQL databases run with `jit = on` (`--tpch-pg-jit true`).\n"
        : "- Both PostgreSQL databases, xsql's and the peer's, run with `jit = off` (set on the databases;"
        + " `--tpch-pg-jit true` turns it on): PostgreSQL 15 compiling the filter of one of xsql's 4096-pair"
        + " lookup batches (`(c1, c5) IN ((?, ?), ...)`, TPC-H Q5 at SF 1) ran for over 15 minutes and did not"
        + " stop when cancelled or terminated.\n");
    b.append("- A statement xsql leaves running in a database after its JVM ended (a timeout that did not"
        + " reach it) is terminated by the harness and named in the note.\n");
    b.append("- Result: every xsql run (first and timed) compared with PostgreSQL's (the tck's `TpchComparison`:"
        + " the same rows, ORDER BY sequence kept, numbers equal within the precision of the less precise);"
        + " **WRONG** marks a difference, listed under the table.\n");
    b.append("- Rows read, per xsql run: PostgreSQL, `seq_tup_read + idx_tup_fetch` of `lineitem` and `orders` in"
        + " the xsql database (`pg_stat_user_tables`), the change around the query's JVM divided by its xsql"
        + " runs (EXPLAIN reads no table; the peer's tables are another database's). MariaDB: the server's global"
        + " `Rows_read` (per-table counters need `userstat`, a server setting left alone), divided likewise;"
        + " it counts whatever else the server did meanwhile. MongoDB: the documents the server returned to"
        + " `find`s and their `getMore`s (counted in the server), divided likewise; xsql's schema sample of part"
        + " (up to 1,000 documents, once per JVM) is among them. mongo-java-server indexes only `_id`, so every"
        + " find, lookups by `p_partkey` included, scans the collection. Files: not measured (a scan reads its"
        + " file whole).\n");
    for (TpchScale s : scales) {
      scale(b, s);
    }
    goals(b);
    return b.append(ReportSection.TPCH.end()).append('\n').toString();
  }

  private void scale(StringBuilder b, TpchScale s) {
    b.append("\n### Scale factor ").append(s.label()).append("\n\n");
    if (!s.problem().isEmpty()) {
      b.append("Not run: ").append(escape(s.problem())).append('\n');
      return;
    }
    b.append("Data ").append(s.load());
    s.tableRows().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e ->
        b.append(String.format(Locale.ROOT, "; %s %,d rows", e.getKey(), e.getValue())));
    b.append(".\n\n| query | xsql | first run | planning | PostgreSQL | xsql / PostgreSQL | result | plain Calcite"
        + " | xsql / Calcite | PG rows read (lineitem + orders) | MariaDB rows read | MongoDB docs returned | rows |"
        + " peak heap MiB | note |\n"
        + "|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (TpchQueryResult q : s.queries()) {
      b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s"
          + " | %s |%n",
          q.name(), q.xsqlTimedOut() ? timedOut() : seconds(q.medianMillis())
              + (!q.runs().isEmpty() && q.runs().size() < settings.warmRuns() ? "*" : ""),
          q.xsqlTimedOut() ? timedOut() : seconds(q.first().map(Measurement::millis).orElse(Double.NaN)),
          seconds(q.planningMedianMillis()),
          q.referenceTimedOut() ? timedOut() : seconds(q.referenceMedianMillis()), ratio(q.ratio()), check(q), peer(q.peer()), ratio(q.peerRatio()), pgReads(q), mariaDbReads(q),
          mongoReads(q),
          q.first().map(m -> String.format(Locale.ROOT, "%,d", m.rows())).orElse("n/a"),
          Double.isNaN(q.peakHeapMb()) ? "n/a" : String.format(Locale.ROOT, "%.0f", q.peakHeapMb()),
          escape(q.note())));
    }
    b.append(String.format(Locale.ROOT, "%nGeometric mean of xsql / PostgreSQL: %s over %d of %d queries. Right:"
        + " %d of %d.%n", geomean(s), s.withRatio(), s.queries().size(), s.right(), s.queries().size()));
    for (TpchQueryResult q : s.queries()) {
      if (q.check() == TpchQueryResult.Check.WRONG || q.check() == TpchQueryResult.Check.UNCHECKED) {
        String d = q.referenceTimedOut() ? "PostgreSQL timed out after " + settings.tpch().timeoutSeconds() + " s"
            : q.difference().length() > 600 ? q.difference().substring(0, 600) + " ..." : q.difference();
        b.append("\n- ").append(q.name()).append(q.check() == TpchQueryResult.Check.WRONG ? " **WRONG**: "
            : " not checked: ").append(escape(d)).append('\n');
      }
    }
    b.append(String.format(Locale.ROOT, "%nPlain Calcite: geometric mean of xsql / Calcite %s over %d queries; %d of"
        + " %d right.%s%n", peerGeomean(s), s.queries().stream().filter(q -> !Double.isNaN(q.peerRatio())).count(),
        s.queries().stream().filter(q -> q.peer().check() == TpchQueryResult.Check.RIGHT).count(),
        s.queries().size(), s.queries().stream().allMatch(q -> q.peer().note().isEmpty()) ? ""
            : " Where it did not give a right result:"));
    for (TpchQueryResult q : s.queries()) {
      if (!q.peer().note().isEmpty()) {
        String n = q.peer().note();
        b.append("- ").append(q.name()).append(": ").append(escape(n.length() > 600 ? n.substring(0, 600) + " ..." : n))
            .append('\n');
      }
    }
  }

  private static String calciteVersion() {
    org.apache.calcite.jdbc.Driver d = new org.apache.calcite.jdbc.Driver();
    return d.getMajorVersion() + "." + d.getMinorVersion();
  }

  private static String peerGeomean(TpchScale s) {
    double[] logs = s.queries().stream().mapToDouble(TpchQueryResult::peerRatio).filter(r -> !Double.isNaN(r))
        .map(Math::log).toArray();
    return logs.length == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f",
        Math.exp(java.util.Arrays.stream(logs).average().orElseThrow()));
  }

  /** The peer's median, or why it has none. */
  private String peer(TpchPeerResult p) {
    if (!Double.isNaN(p.medianMillis())) {
      return seconds(p.medianMillis()) + (p.check() == TpchQueryResult.Check.UNCHECKED ? " (not checked)" : "");
    }
    return switch (p.check()) {
      case WRONG -> "**WRONG**";
      case NOT_RUN -> p.timedOut() ? timedOut() : p.note().isEmpty() ? "n/a" : "failed";
      default -> "n/a";
    };
  }

  /** The goals, judged on this run's figures; a goal whose scale factor did not run is "not run". */
  private void goals(StringBuilder b) {
    b.append("\n### Goals\n\n| goal | measured | met |\n|---|---|---|\n");
    for (TpchScale s : scales) {
      boolean all = s.queries().size() == 22;
      b.append(String.format(Locale.ROOT, "| 22/22 right at SF %s | %d of %d right%s%s | %s |%n", s.label(),
          s.right(), s.queries().size(), s.wrong().isEmpty() ? "" : ", **" + s.wrong().size() + " WRONG**",
          unchecked(s), !all ? "n/a (not all 22 ran)" : s.right() == 22 ? "yes" : "no"));
    }
    Optional<TpchScale> small = find(SMALL_SF);
    b.append(String.format(Locale.ROOT, "| at SF 0.1 every query under 5 s (xsql, timed runs' median) | %s | %s |%n",
        small.map(s -> slowest(s, TpchQueryResult::medianMillis)).orElse("not run"),
        small.map(s -> under(s, TpchQueryResult::medianMillis, SMALL_QUERY_MILLIS)).orElse("n/a")));
    b.append(String.format(Locale.ROOT, "| at SF 0.1 planning under 1 s (EXPLAIN, median) | %s | %s |%n",
        small.map(s -> slowest(s, TpchQueryResult::planningMedianMillis)).orElse("not run"),
        small.map(s -> under(s, TpchQueryResult::planningMedianMillis, SMALL_PLANNING_MILLIS)).orElse("n/a")));
    Optional<TpchScale> large = find(LARGE_SF);
    b.append(String.format(Locale.ROOT, "| at SF 1 every query faster than plain Calcite | %s | %s |%n",
        large.map(s -> s.queries().stream().filter(q -> q.peerRatio() < 1).count() + " of " + s.queries().size()
            + " faster").orElse("not run"), large.map(s -> s.queries().size() < 22 ? "n/a (not all 22 ran)"
                : s.queries().stream().allMatch(q -> q.peerRatio() < 1 || Double.isNaN(q.peerRatio())
                    && !q.runs().isEmpty() && q.peer().check() != TpchQueryResult.Check.RIGHT) ? "yes" : "no")
            .orElse("n/a")));
    b.append(String.format(Locale.ROOT, "| at SF 1 geometric mean of xsql / PostgreSQL at most %sx | %s | %s |%n",
        LARGE_GEOMEAN, large.map(s -> geomean(s) + " over " + s.withRatio() + " of " + s.queries().size() + " queries"
            + without(s)).orElse("not run"), large.map(TpchReport::geomeanMet).orElse("n/a")));
  }

  /** The queries without a ratio, and why. */
  private static String without(TpchScale s) {
    List<String> out = s.queries().stream().filter(q -> Double.isNaN(q.ratio()))
        .map(q -> q.name() + (q.xsqlTimedOut() ? " (xsql timed out)" : q.referenceTimedOut()
            ? " (PostgreSQL timed out)" : " (failed)")).toList();
    return out.isEmpty() ? "" : "; without a ratio: " + String.join(", ", out);
  }

  /**
   * The geomean goal. A query PostgreSQL did not finish within the timeout while xsql did has a ratio
   * below 1 (xsql's time over more than the timeout): adding a ratio under 1 to a set whose geometric mean
   * is at most {@link #LARGE_GEOMEAN} keeps it so, so such queries cannot fail the goal. A query xsql did not
   * finish fails it.
   */
  private static String geomeanMet(TpchScale s) {
    if (s.queries().size() < 22) {
      return "n/a (not all 22 ran)";
    }
    List<TpchQueryResult> missing = s.queries().stream().filter(q -> Double.isNaN(q.ratio())).toList();
    if (missing.stream().anyMatch(q -> q.runs().isEmpty())) {
      return "no (xsql did not finish " + String.join(", ", missing.stream().filter(q -> q.runs().isEmpty())
          .map(TpchQueryResult::name).toList()) + ")";
    }
    if (missing.stream().anyMatch(q -> !q.referenceTimedOut())) {
      return "n/a (PostgreSQL failed)";
    }
    boolean met = s.geomean() <= LARGE_GEOMEAN;
    return (met ? "yes" : "no") + (missing.isEmpty() || !met ? "" : " (the queries PostgreSQL did not finish"
        + " have ratios below 1, which cannot raise it above " + LARGE_GEOMEAN + ")");
  }

  private String timedOut() {
    return "timed out (" + settings.tpch().timeoutSeconds() + " s)";
  }

  /** The queries neither right nor wrong, and why. */
  private static String unchecked(TpchScale s) {
    List<String> out = s.queries().stream().filter(q -> q.check() == TpchQueryResult.Check.UNCHECKED
        || q.check() == TpchQueryResult.Check.NOT_RUN).map(q -> q.name() + (q.check() == TpchQueryResult.Check.NOT_RUN
            ? (q.xsqlTimedOut() ? " no result (xsql timed out)" : " no result (xsql failed)")
            : q.referenceTimedOut() ? " not checked (PostgreSQL timed out)" : " not checked (PostgreSQL failed)"))
        .toList();
    return out.isEmpty() ? "" : "; " + String.join(", ", out);
  }

  private Optional<TpchScale> find(double sf) {
    return scales.stream().filter(s -> s.scaleFactor() == sf && s.problem().isEmpty()).findFirst();
  }

  /** The slowest query by a figure, and any without it. */
  private static String slowest(TpchScale s, ToDoubleFunction<TpchQueryResult> figure) {
    Optional<TpchQueryResult> max = s.queries().stream().filter(q -> !Double.isNaN(figure.applyAsDouble(q)))
        .max(Comparator.comparingDouble(figure));
    List<String> missing = s.queries().stream().filter(q -> Double.isNaN(figure.applyAsDouble(q)))
        .map(TpchQueryResult::name).toList();
    return max.map(q -> "slowest " + q.name() + " " + seconds(figure.applyAsDouble(q)) + " s").orElse("none")
        + (missing.isEmpty() ? "" : "; no figure for " + String.join(", ", missing));
  }

  private static String under(TpchScale s, ToDoubleFunction<TpchQueryResult> figure, double limit) {
    if (s.queries().size() < 22) {
      return "n/a (not all 22 ran)";
    }
    long over = s.queries().stream().filter(q -> !(figure.applyAsDouble(q) < limit)).count();
    return over == 0 ? "yes" : "no (" + over + " not under)";
  }

  private static String geomean(TpchScale s) {
    double g = s.geomean();
    return Double.isNaN(g) ? "n/a" : String.format(Locale.ROOT, "%.3f", g);
  }

  private static String check(TpchQueryResult q) {
    return switch (q.check()) {
      case RIGHT -> "right";
      case WRONG -> "**WRONG**";
      case UNCHECKED -> "not checked";
      case NOT_RUN -> "n/a";
    };
  }

  private static String pgReads(TpchQueryResult q) {
    if (q.pgReads().isEmpty()) {
      return "n/a";
    }
    Optional<String> l = count(q, q.pgReads().getOrDefault("lineitem", 0L));
    Optional<String> o = count(q, q.pgReads().getOrDefault("orders", 0L));
    return l.isPresent() && o.isPresent() ? l.get() + " + " + o.get() : "n/a";
  }

  private static String mariaDbReads(TpchQueryResult q) {
    return q.mariaDbReads().isPresent() ? count(q, q.mariaDbReads().getAsLong()).orElse("n/a") : "n/a";
  }

  private static String mongoReads(TpchQueryResult q) {
    return q.mongoReads().isPresent() ? count(q, q.mongoReads().getAsLong()).orElse("n/a") : "n/a";
  }

  /** A JVM's delta per xsql run, as a whole number when it divides evenly. */
  private static Optional<String> count(TpchQueryResult q, long delta) {
    OptionalDouble per = q.perExecution(delta);
    if (per.isEmpty()) {
      return Optional.empty();
    }
    double v = per.getAsDouble();
    return Optional.of(v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v)
        : String.format(Locale.ROOT, "%,.1f", v));
  }

  private static String seconds(double ms) {
    return Double.isNaN(ms) ? "n/a" : String.format(Locale.ROOT, "%.3f", ms / 1000);
  }

  private static String ratio(double r) {
    return Double.isNaN(r) ? "n/a" : String.format(Locale.ROOT, "%.2f", r);
  }

  private static String escape(String s) {
    return s.replace("|", "\\|");
  }

  /** Every measurement: xsql's first and timed runs, the EXPLAINs, PostgreSQL's timed runs. */
  String csv() {
    StringBuilder b = new StringBuilder("scale_factor,query,engine,mode,run,rows,millis,peak_heap_mb,result,"
        + "pg_lineitem_read,pg_orders_read,mariadb_rows_read,mongodb_docs_returned,xsql_runs_in_jvm,note,"
        + "calcite_result\n");
    for (TpchScale s : scales) {
      for (TpchQueryResult q : s.queries()) {
        String tail = String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%d,%s", q.check(),
            q.pgReads().containsKey("lineitem") ? q.pgReads().get("lineitem") : "",
            q.pgReads().containsKey("orders") ? q.pgReads().get("orders") : "",
            q.mariaDbReads().isPresent() ? q.mariaDbReads().getAsLong() : "",
            q.mongoReads().isPresent() ? q.mongoReads().getAsLong() : "", q.executions(),
            (q.note() + (q.difference().isEmpty() ? "" : "; " + q.difference())).replace(',', ';')
                .replace('\n', ' ')) + "," + (q.peer().check() + (q.peer().note().isEmpty() ? "" : "; "
                    + q.peer().note())).replace(',', ';').replace('\n', ' ');
        String head = s.label() + "," + q.name() + ",";
        q.first().ifPresent(m -> row(b, head + "xsql,first,1", m.rows(), m.millis(), m.peakHeapMb(), tail));
        for (int i = 0; i < q.runs().size(); i++) {
          Measurement m = q.runs().get(i);
          row(b, head + "xsql,timed," + (i + 1), m.rows(), m.millis(), m.peakHeapMb(), tail);
        }
        for (int i = 0; i < q.planningMillis().size(); i++) {
          row(b, head + "xsql,explain," + (i + 1), -1, q.planningMillis().get(i), Double.NaN, tail);
        }
        for (int i = 0; i < q.referenceMillis().size(); i++) {
          row(b, head + "postgresql,timed," + (i + 1), -1, q.referenceMillis().get(i), Double.NaN, tail);
        }
        q.peer().first().ifPresent(m -> row(b, head + "calcite,first,1", m.rows(), m.millis(), m.peakHeapMb(), tail));
        for (int i = 0; i < q.peer().runs().size(); i++) {
          Measurement m = q.peer().runs().get(i);
          row(b, head + "calcite,timed," + (i + 1), m.rows(), m.millis(), m.peakHeapMb(), tail);
        }
        if (q.first().isEmpty()) {
          b.append(head).append("xsql,first,0,,,,").append(tail).append('\n');
        }
      }
    }
    return b.toString();
  }

  private static void row(StringBuilder b, String head, long rows, double millis, double heap, String tail) {
    b.append(head).append(',').append(rows < 0 ? "" : String.valueOf(rows)).append(',')
        .append(String.format(Locale.ROOT, "%.3f", millis)).append(',')
        .append(Double.isNaN(heap) ? "" : String.format(Locale.ROOT, "%.1f", heap)).append(',').append(tail)
        .append('\n');
  }
}
