package io.xsql.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The MongoDB section's cases: the filtered, projected scan through MongoDB's Java driver (sending xsql's find,
 * and projecting only the two fields the query returns), through xsql, and through xsql with a 64 MiB heap;
 * the lookup join of a keys file into the collection with xsql's choice and with the hash plan (built on the
 * keys, the collection streamed), once on {@code customer} (which the server cannot index) and once on
 * {@code _id} (which its unique index answers).
 */
enum MongoCase {
  SCAN_DRIVER(Part.SCAN, Engine.DRIVER, "", "-Xmx256m"),
  SCAN_DRIVER_TWO_FIELDS(Part.SCAN, Engine.DRIVER, "", "-Xmx256m"),
  SCAN_XSQL(Part.SCAN, Engine.XSQL, "", "-Xmx256m"),
  SCAN_XSQL_64M(Part.SCAN, Engine.XSQL, "", "-Xmx64m"),
  LOOKUP_AUTO(Part.LOOKUP, Engine.XSQL, "", "-Xmx256m"),
  LOOKUP_HASH(Part.LOOKUP, Engine.XSQL, "HASH_JOIN(k)", "-Xmx256m"),
  LOOKUP_ID_AUTO(Part.LOOKUP_ID, Engine.XSQL, "", "-Xmx256m"),
  LOOKUP_ID_HASH(Part.LOOKUP_ID, Engine.XSQL, "HASH_JOIN(k)", "-Xmx256m");

  /** Which benchmark a case belongs to; a lookup join names the collection's field it joins on. */
  enum Part {
    SCAN(""), LOOKUP("customer"), LOOKUP_ID("_id");

    /** The field of {@code shop.orders} the keys are joined to; empty for the scan. */
    final String field;

    Part(String field) {
      this.field = field;
    }

    boolean isLookup() {
      return !field.isEmpty();
    }
  }

  /** What runs the query: MongoDB's Java driver, or xsql over the catalog. */
  enum Engine { DRIVER, XSQL }

  static final String SCAN_SQL = "SELECT _id, total FROM shop.orders WHERE status = 'shipped' AND total > 500";
  private static final String LOOKUP_SQL =
      "SELECT %sk.id, o._id, o.total FROM keys k JOIN shop.orders o ON o.%s = k.id";

  final Part part;
  final Engine engine;
  /** The hint, empty for xsql's own choice. */
  final String hint;
  /** The heap cap its JVM runs with. */
  final String heap;

  MongoCase(Part part, Engine engine, String hint, String heap) {
    this.part = part;
    this.engine = engine;
    this.hint = hint;
    this.heap = heap;
  }

  /** The cases of one part. */
  static List<MongoCase> of(Part part) {
    return Arrays.stream(values()).filter(c -> c.part == part).toList();
  }

  /** The strategy the hint forces, if it forces one. */
  Optional<String> forced() {
    return hint.isEmpty() ? Optional.empty() : Optional.of(hint.substring(0, hint.indexOf("_JOIN")));
  }

  /** The SQL xsql runs; the driver's case sends the find xsql sends for {@link #SCAN_SQL}. */
  String sql() {
    return part == Part.SCAN ? SCAN_SQL
        : LOOKUP_SQL.formatted(hint.isEmpty() ? "" : "/*+ " + hint + " */ ", part.field);
  }

  /**
   * Whether the JVM sorts the rows of one more run and prints their checksum, so that the harness can compare
   * the rows two cases returned. Not with the 64 MiB heap, whose point is that rows stream through it.
   */
  boolean checksRows() {
    return this != SCAN_XSQL_64M;
  }

  /** How the case is named in the report. */
  String label() {
    return switch (this) {
      case SCAN_DRIVER -> "MongoDB Java driver, xsql's find";
      case SCAN_DRIVER_TWO_FIELDS -> "MongoDB Java driver, projecting `_id`, `total` only";
      case SCAN_XSQL -> "xsql";
      case SCAN_XSQL_64M -> "xsql, -Xmx64m";
      case LOOKUP_AUTO, LOOKUP_ID_AUTO -> "xsql's choice";
      case LOOKUP_HASH, LOOKUP_ID_HASH -> "`/*+ " + hint + " */`";
    };
  }
}
