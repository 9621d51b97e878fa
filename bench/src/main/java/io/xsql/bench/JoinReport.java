package io.xsql.bench;

import static io.xsql.bench.Figures.down;
import static io.xsql.bench.Figures.mib;
import static io.xsql.bench.Figures.ratio;
import static io.xsql.bench.Figures.seconds;
import static io.xsql.bench.Figures.up;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The report's "Join strategies" section, its rows of the targets table and of the CSV. Figures shown
 * against a target are rounded against xsql (times and heaps up, speed-ups down); verdicts use the
 * unrounded figures.
 */
final class JoinReport {

  private final BenchSettings settings;
  private final List<JoinResult> joins;
  private final int scale;
  private final double duckDbQ1Millis;

  /**
   * @param scale the scale Q1 ran at (the run's largest)
   * @param duckDbQ1Millis DuckDB's warm Q1 median at that scale in this run, NaN if it did not run
   */
  JoinReport(BenchSettings settings, List<JoinResult> joins, int scale, double duckDbQ1Millis) {
    this.settings = settings;
    this.joins = List.copyOf(joins);
    this.scale = scale;
    this.duckDbQ1Millis = duckDbQ1Millis;
  }

  void section(StringBuilder b) {
    b.append("\n## Join strategies\n\n");
    b.append(String.format(Locale.ROOT, "Q1 at %,d products on xsql, each case in its own JVM (xsql's class-data"
        + " sharing options): a hint on `images` forcing a strategy, or xsql's own choice. A JVM runs the query once"
        + " untimed (\"first run\": a fresh JVM, so JIT warm-up is in it; for mmap it also builds the key index of"
        + " `images.jsonl`, kept on disk in an emptied folder and reused by the timed runs), then %d timed runs"
        + " (median). Merge and mmap run with " + JoinQuery.HEAP_CAP + " (a heap of at most 64 MB: a run that completes kept within it), the hash join and xsql's choice without a cap; \"peak heap\" is the sum of the heap pools' peaks, an upper bound that can exceed the cap. \"vs DuckDB\":"
        + " the warm median over DuckDB's warm Q1 median at the same scale in this run (%s; below 1: xsql"
        + " faster). Strategy: what `EXPLAIN PLAN FOR` shows for the query in the same JVM. Times in seconds,"
        + " memory in MiB.%n%n", scale, settings.warmRuns(), Double.isNaN(duckDbQ1Millis) ? "not run"
        : String.format(Locale.ROOT, "%.3f s", duckDbQ1Millis / 1000)));
    b.append("| case | EXPLAIN shows | warm | vs DuckDB | first run | peak heap | peak RSS | rows | note |\n"
        + "|---|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (JoinQuery q : JoinQuery.of(JoinQuery.Part.Q1)) {
      JoinResult r = JoinResult.find(joins, q);
      b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", q.label(),
          r.strategy().orElse("n/a"), seconds(r.medianMillis()), ratio(r.medianMillis() / duckDbQ1Millis),
          seconds(r.first().map(Measurement::millis).orElse(Double.NaN)), mib(r.peakHeapMb()), mib(r.peakRssMb()),
          r.runs().isEmpty() ? "n/a" : String.format(Locale.ROOT, "%,d", r.rows()), note(r)));
    }
    if (settings.dbRows() > 0) {
      lookup(b);
    }
  }

  private void lookup(StringBuilder b) {
    int keys = JoinSuite.keyCount(settings.dbRows());
    b.append(String.format(Locale.ROOT, "%nLookup: %,d keys (distinct ids drawn from 1..%,d, seed 42) in a JSON"
        + " Lines file joined to the PostgreSQL table of %,d rows (`id` its primary key):"
        + " `%s`, unhinted and with the hash plan (`/*+ HASH_JOIN(k) */`: a hash table of the keys, the table"
        + " streamed). Each case in a JVM with -Xmx256m, %d timed runs after one untimed. Rows read by"
        + " PostgreSQL: the change of the table's `seq_tup_read + idx_tup_fetch` (`pg_stat_user_tables`) around"
        + " one more JVM running the query once.%n%n", keys, settings.dbRows(), settings.dbRows(),
        JoinQuery.LOOKUP_AUTO.sql("pg.table"), settings.warmRuns()));
    b.append("| case | EXPLAIN shows | warm | first run | peak heap | peak RSS | rows | rows read by PostgreSQL"
        + " | note |\n|---|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (JoinQuery q : JoinQuery.of(JoinQuery.Part.LOOKUP)) {
      JoinResult r = JoinResult.find(joins, q);
      b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", q.label(),
          r.strategy().orElse("n/a"), seconds(r.medianMillis()),
          seconds(r.first().map(Measurement::millis).orElse(Double.NaN)), mib(r.peakHeapMb()), mib(r.peakRssMb()),
          r.runs().isEmpty() ? "n/a" : String.format(Locale.ROOT, "%,d", r.rows()),
          r.tableReads().isPresent() ? String.format(Locale.ROOT, "%,d", r.tableReads().getAsLong()) : "n/a",
          note(r)));
    }
    double speedUp = speedUp();
    b.append(String.format(Locale.ROOT, "%nHash plan time / lookup time: %s%n",
        Double.isNaN(speedUp) ? "n/a" : down(speedUp) + "x"));
  }

  /**
   * Rows of the targets table. A case that failed has not met its target; a target is "n/a" only when
   * what it compares with did not run.
   */
  void targets(StringBuilder b) {
    for (JoinQuery q : List.of(JoinQuery.Q1_MERGE, JoinQuery.Q1_MMAP)) {
      JoinResult r = JoinResult.find(joins, q);
      double ratio = r.medianMillis() / duckDbQ1Millis;
      String measured = r.runs().isEmpty() ? "failed: " + note(r) : String.format(Locale.ROOT,
          "%s s vs DuckDB %s, completed with %s, EXPLAIN %s", up(r.medianMillis() / 1000, 3),
          Double.isNaN(duckDbQ1Millis) ? "not run" : String.format(Locale.ROOT, "%.3f s (%sx)",
              duckDbQ1Millis / 1000, up(ratio, 2)), JoinQuery.HEAP_CAP, r.strategy().orElse("n/a"));
      String met = r.runs().isEmpty() ? "not met" : Double.isNaN(duckDbQ1Millis) ? "n/a"
          : ratio <= 1 && r.ranAsForced() ? "yes" : "not met";
      b.append(String.format(Locale.ROOT, "| Q1 %s at %,d: heap at most 64 MB and no slower than DuckDB warm"
          + " | %s | %s |%n", q.forced().orElseThrow().toLowerCase(Locale.ROOT), scale, measured, met));
    }
    if (settings.dbRows() <= 0) {
      return;
    }
    int keys = JoinSuite.keyCount(settings.dbRows());
    JoinResult lookup = JoinResult.find(joins, JoinQuery.LOOKUP_AUTO);
    JoinResult hash = JoinResult.find(joins, JoinQuery.LOOKUP_HASH);
    long reads = lookup.tableReads().orElse(-1);
    b.append(String.format(Locale.ROOT, "| lookup of %,d keys reads about %,d rows from PostgreSQL (at most 10%%"
        + " more) | %s | %s |%n", keys, keys, lookup.tableReads().isEmpty() ? "not measured: " + note(lookup)
            : String.format(Locale.ROOT, "%,d rows read, EXPLAIN %s", reads, lookup.strategy().orElse("n/a")),
        reads >= keys && reads <= keys * 1.1 && isLookup(lookup) ? "yes" : "not met"));
    double speedUp = speedUp();
    b.append(String.format(Locale.ROOT, "| lookup at least 20x faster than the hash plan (%,d keys, %,d rows) |"
        + " %s | %s |%n", keys, settings.dbRows(), lookup.runs().isEmpty() ? "lookup failed: " + note(lookup)
            : hash.runs().isEmpty() ? "hash plan failed: " + note(hash) : String.format(Locale.ROOT,
                "%sx (EXPLAIN %s vs %s)", down(speedUp), lookup.strategy().orElse("n/a"),
                hash.strategy().orElse("n/a")),
        lookup.runs().isEmpty() ? "not met" : hash.runs().isEmpty() ? "n/a"
            : speedUp >= 20 && isLookup(lookup) && hash.ranAsForced() ? "yes" : "not met"));
  }

  void csv(StringBuilder b) {
    for (JoinResult r : joins) {
      long size = r.query().part == JoinQuery.Part.Q1 ? scale : settings.dbRows();
      String note = Stream.of(r.strategy().map(s -> "strategy " + s),
          r.tableReads().isPresent() ? Optional.of("rows read by PostgreSQL " + r.tableReads().getAsLong())
              : Optional.<String>empty(), Optional.of(r.note()).filter(n -> !n.isEmpty()))
          .flatMap(Optional::stream).reduce((x, y) -> x + "; " + y).orElse("").replace(',', ';');
      r.first().ifPresent(m -> row(b, size, r, "first", 1, m, note));
      for (int i = 0; i < r.runs().size(); i++) {
        row(b, size, r, "warm", i + 1, r.runs().get(i), note);
      }
      if (r.runs().isEmpty()) {
        b.append(String.format(Locale.ROOT, "%d,xsql,%s,warm,0,,,,,,%s%n", size, r.query(), note));
      }
    }
  }

  private static void row(StringBuilder b, long size, JoinResult r, String mode, int run, Measurement m,
      String note) {
    b.append(String.format(Locale.ROOT, "%d,xsql,%s,%s,%d,%d,%.3f,0,%.1f,%.1f,%s%n", size, r.query(), mode, run,
        m.rows(), m.millis(), m.peakHeapMb(), m.peakRssMb(), note));
  }

  private double speedUp() {
    return JoinResult.find(joins, JoinQuery.LOOKUP_HASH).medianMillis()
        / JoinResult.find(joins, JoinQuery.LOOKUP_AUTO).medianMillis();
  }

  private static boolean isLookup(JoinResult r) {
    return r.strategy().filter("LOOKUP"::equals).isPresent();
  }

  private static String note(JoinResult r) {
    String hint = r.ranAsForced() || r.runs().isEmpty() ? "" : "hint not followed: EXPLAIN shows "
        + r.strategy().orElse("nothing");
    String heap = r.query().heap.orElse("");
    return String.join("; ", Stream.of(heap, hint, r.note()).filter(s -> !s.isEmpty()).toList())
        .replace("|", "\\|");
  }
}
