package io.xsql.file;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * Key tuples as an index compares them: SQL's equality where Java's differs ({@code 1.0 = 1.00} for
 * decimals, {@code -0.0 = 0.0} for doubles), as the planner's join keys have it, and a 64-bit hash that is
 * the same in every run (it is stored in index files).
 */
final class KeyHash {
  private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

  private KeyHash() {}

  /** The hash of a key tuple (values of the key columns' classes, none null). */
  static long of(Object[] key) {
    long h = key.length;
    for (Object v : key) {
      h = (h + value(normalize(v))) * MULTIPLIER;
    }
    return mix(h);
  }

  /** The key tuple for {@code equals}: values normalized, so that SQL-equal tuples are equal. */
  static List<Object> tuple(Object[] key) {
    Object[] out = new Object[key.length];
    for (int i = 0; i < key.length; i++) {
      out[i] = normalize(key[i]);
    }
    return Arrays.asList(out);
  }

  /** Whether a key tuple holds a NULL, and so matches nothing. */
  static boolean hasNull(Object[] key) {
    for (Object v : key) {
      if (v == null) {
        return true;
      }
    }
    return false;
  }

  /** A value whose {@code equals} follows SQL's equality. */
  static Object normalize(Object value) {
    if (value instanceof BigDecimal d) {
      return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }
    if (value instanceof Double d && d == 0.0d) {
      return 0.0d;
    }
    return value;
  }

  /** A normalized value's hash, from its content only (never an identity hash, which changes per run). */
  private static long value(Object v) {
    if (v instanceof String s) {
      return text(s);
    }
    if (v instanceof Integer i) {
      return i;
    }
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Double d) {
      return Double.doubleToLongBits(d);
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 2;
    }
    if (v instanceof BigDecimal d) {
      // Normalized, equal values have equal digits and scale, so equal text.
      return text(d.toString());
    }
    throw new IllegalArgumentException("no index key hash for " + v.getClass().getSimpleName());
  }

  private static long text(String s) {
    long h = s.length();
    for (int i = 0; i < s.length(); i++) {
      h = (h + s.charAt(i)) * MULTIPLIER;
    }
    return mix(h);
  }

  /** MurmurHash3's finalizer: spreads every input bit over the whole hash. */
  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb53a87e3b2e9L;
    return h ^ h >>> 33;
  }
}
