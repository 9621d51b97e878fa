package io.xsql.planner;

import io.xsql.spi.KeyValues;
import java.util.Arrays;
import java.util.List;

/**
 * Join keys as the join operators compare them. Both sides of an equi-join key have the same SQL type
 * (the planner only builds its operators then), so values of one key have one Java class; what remains is
 * SQL's equality where Java's differs: {@code 1.0 = 1.00} for decimals and {@code -0.0 = 0.0} for floats.
 * A key tuple holding a NULL never matches anything.
 */
final class JoinKeys {
  private JoinKeys() {}

  /**
   * The key of a row for hashing and {@code equals}: the normalized value of a single key, a list of them
   * for a composite key; null when one of its values is NULL. A single key is not wrapped in a list,
   * since lookups compute one per row on both sides.
   */
  static Object of(Object[] row, int[] keys) {
    if (keys.length == 1) {
      Object v = row[keys[0]];
      return v == null ? null : normalize(v);
    }
    Object[] values = new Object[keys.length];
    for (int i = 0; i < keys.length; i++) {
      Object v = row[keys[i]];
      if (v == null) {
        return null;
      }
      values[i] = normalize(v);
    }
    return Arrays.asList(values);
  }

  /** The row's own key values (not normalized), as a source is asked for them. */
  static List<Object> values(Object[] row, int[] keys) {
    Object[] values = new Object[keys.length];
    for (int i = 0; i < keys.length; i++) {
      values[i] = row[keys[i]];
    }
    return Arrays.asList(values);
  }

  /** A value whose {@code equals} and {@code hashCode} follow SQL's equality. */
  static Object normalize(Object value) {
    return KeyValues.normalize(value);
  }

  /**
   * Compares two rows' key tuples in ascending order with NULLs last (the order the merge join asks its
   * inputs for): negative when {@code a}'s key comes first, 0 when the keys are equal (NULLs tie).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object[] a, int[] aKeys, Object[] b, int[] bKeys) {
    for (int i = 0; i < aKeys.length; i++) {
      Object x = a[aKeys[i]];
      Object y = b[bKeys[i]];
      int c;
      if (x == null || y == null) {
        c = x == null ? (y == null ? 0 : 1) : -1;
      } else {
        c = ((Comparable) x).compareTo(y);
      }
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /**
   * Whether two rows are equal on {@code keys} as ORDER BY and PARTITION BY compare them (NULLs tie,
   * {@code 1.0} and {@code 1.00} are equal): the runs of equal keys in a sorted input.
   */
  static boolean same(Object[] a, Object[] b, int[] keys) {
    return compare(a, keys, b, keys) == 0;
  }

  /** Whether the row's key tuple holds a NULL (and so matches nothing). */
  static boolean hasNull(Object[] row, int[] keys) {
    for (int k : keys) {
      if (row[k] == null) {
        return true;
      }
    }
    return false;
  }
}
