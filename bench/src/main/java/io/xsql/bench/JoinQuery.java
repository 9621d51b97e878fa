package io.xsql.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The join-strategy benchmark's cases: Q1 over the products and images files with each strategy forced
 * by a hint on {@code images} and with xsql's own choice, and a lookup of keys from a JSON Lines file into
 * the PostgreSQL table, with xsql's choice and with the hash plan (built on the keys, streaming the table).
 */
enum JoinQuery {
  Q1_AUTO(Part.Q1, "", Optional.empty()),
  Q1_MERGE(Part.Q1, "MERGE_JOIN(i)", Optional.of(JoinQuery.HEAP_CAP)),
  Q1_MMAP(Part.Q1, "MMAP_JOIN(i)", Optional.of(JoinQuery.HEAP_CAP)),
  Q1_HASH(Part.Q1, "HASH_JOIN(i)", Optional.empty()),
  LOOKUP_AUTO(Part.LOOKUP, "", Optional.of("-Xmx256m")),
  LOOKUP_HASH(Part.LOOKUP, "HASH_JOIN(k)", Optional.of("-Xmx256m"));

  /**
   * The heap cap of the merge and mmap cases: 61 MiB is the largest whole MiB within 64 MB, so a run that
   * completes has kept its heap within the target, whatever the pools' separate peaks add up to.
   */
  static final String HEAP_CAP = "-Xmx61m";

  /** Which benchmark a case belongs to. */
  enum Part { Q1, LOOKUP }

  private static final String LOOKUP_SQL = "SELECT %sk.id, t.amount FROM keys k JOIN %s t ON t.id = k.id";

  final Part part;
  /** The hint, empty for xsql's own choice. */
  final String hint;
  /** The heap cap its JVM runs with, if any. */
  final Optional<String> heap;

  JoinQuery(Part part, String hint, Optional<String> heap) {
    this.part = part;
    this.hint = hint;
    this.heap = heap;
  }

  /** The cases of one part. */
  static List<JoinQuery> of(Part part) {
    return Arrays.stream(values()).filter(q -> q.part == part).toList();
  }

  /** The strategy the hint forces, if it forces one. */
  Optional<String> forced() {
    return hint.isEmpty() ? Optional.empty() : Optional.of(hint.substring(0, hint.indexOf("_JOIN")));
  }

  /** How the case is named in the report. */
  String label() {
    return hint.isEmpty() ? "xsql's choice" : "`/*+ " + hint + " */`";
  }

  /** The SQL; {@code table} is the PostgreSQL table's qualified name (lookup cases only). */
  String sql(String table) {
    String h = hint.isEmpty() ? "" : "/*+ " + hint + " */ ";
    return part == Part.Q1 ? BenchQuery.Q1.sql.replaceFirst("^SELECT ", "SELECT " + h)
        : String.format(Locale.ROOT, LOOKUP_SQL, h, table);
  }
}
