package io.xsql.tck;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Compares xsql's result of a TPC-H query with the reference database's.
 *
 * <p>Rows must be the same multiset, and the values of the ORDER BY columns must come in the reference's
 * sequence: rows tied on those keys may come in any order, as SQL allows. Numbers agree when they differ by
 * less than one unit in the last decimal of the less precise one (Calcite gives AVG 6 decimals, truncated;
 * PostgreSQL 16 or more), and never by 0.01 or more, or by at most a relative 1e-12 (for long fractions
 * on both sides); integers, and numbers with no decimals on one side, must be equal.
 */
public final class TpchComparison {
  /** Rows shown in a message, per kind of difference. */
  private static final int SHOWN = 20;
  private static final BigDecimal CENT = new BigDecimal("0.01");
  private static final BigDecimal RELATIVE = new BigDecimal("1e-12");
  private static final Comparator<List<Object>> ROW_ORDER = TpchComparison::compareRows;

  private TpchComparison() {}

  /** What differs, or empty when xsql's result agrees with the reference's. */
  public static Optional<String> difference(TpchQuery query, TpchResult expected, TpchResult actual) {
    if (expected.labels().size() != actual.labels().size()) {
      return Optional.of(query.name() + ": xsql returned columns " + actual.labels() + ", the reference "
          + expected.labels());
    }
    List<String> problems = new ArrayList<>();
    List<List<Object>> want = sorted(expected.rows());
    List<List<Object>> got = sorted(actual.rows());
    List<List<Object>> missing = new ArrayList<>();
    List<List<Object>> unexpected = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < want.size() || j < got.size()) {
      if (i < want.size() && j < got.size() && sameRow(want.get(i), got.get(j))) {
        i++;
        j++;
      } else if (j == got.size() || (i < want.size() && compareRows(want.get(i), got.get(j)) < 0)) {
        missing.add(want.get(i++));
      } else {
        unexpected.add(got.get(j++));
      }
    }
    if (!missing.isEmpty() || !unexpected.isEmpty()) {
      problems.add("xsql returned " + actual.rows().size() + " rows, the reference " + expected.rows().size()
          + "; rows of the reference that xsql did not return (" + missing.size() + "):" + show(missing)
          + "\nrows xsql returned that the reference did not (" + unexpected.size() + "):" + show(unexpected));
    } else {
      outOfOrder(query, expected, actual).ifPresent(problems::add);
    }
    return problems.isEmpty() ? Optional.empty() : Optional.of(query.name() + ": " + String.join("\n", problems));
  }

  /** The first row whose ORDER BY values differ from the reference's at the same position. */
  private static Optional<String> outOfOrder(TpchQuery query, TpchResult expected, TpchResult actual) {
    List<TpchOrderKey> keys = query.orderBy();
    for (int r = 0; r < expected.rows().size(); r++) {
      List<Object> want = new ArrayList<>();
      List<Object> got = new ArrayList<>();
      for (TpchOrderKey k : keys) {
        want.add(expected.rows().get(r).get(expected.column(k.column())));
        got.add(actual.rows().get(r).get(actual.column(k.column())));
      }
      if (!sameRow(want, got)) {
        return Optional.of("row " + (r + 1) + " is out of order: its ORDER BY values "
            + keys.stream().map(TpchOrderKey::column).toList() + " are " + got + ", the reference has " + want
            + "\nxsql's rows:" + show(actual.rows()) + "\nthe reference's rows:" + show(expected.rows()));
      }
    }
    return Optional.empty();
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    return rows.stream().sorted(ROW_ORDER).toList();
  }

  private static String show(List<List<Object>> rows) {
    return rows.stream().limit(SHOWN).map(r -> "\n  " + r).collect(Collectors.joining())
        + (rows.size() > SHOWN ? "\n  ... " + (rows.size() - SHOWN) + " more" : "");
  }

  private static boolean sameRow(List<Object> a, List<Object> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!sameValue(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether two values agree, numbers within the precision of the less precise one. */
  static boolean sameValue(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      int scale = Math.min(x.scale(), y.scale());
      if (scale <= 0) {
        return x.compareTo(y) == 0;
      }
      // Less than one unit: a value truncated or rounded to fewer decimals passes, one off by a unit fails.
      BigDecimal unit = BigDecimal.ONE.movePointLeft(scale).min(CENT);
      BigDecimal difference = x.subtract(y).abs();
      return difference.compareTo(unit) < 0 || difference.compareTo(x.abs().max(y.abs()).multiply(RELATIVE)) <= 0;
    }
    return a == null ? b == null : a.equals(b);
  }

  private static int compareRows(List<Object> a, List<Object> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = compareValues(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int compareValues(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y);
    }
    if (a.getClass() != b.getClass()) {
      return a.getClass().getName().compareTo(b.getClass().getName());
    }
    return a.toString().compareTo(b.toString());
  }
}
