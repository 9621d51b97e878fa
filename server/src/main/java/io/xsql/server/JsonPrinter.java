package io.xsql.server;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * Prints rows as one JSON array of objects, one object a line, keys in column order. Numbers and
 * booleans are JSON numbers and booleans, NULL is {@code null}, everything else is the JDBC string form.
 * Floating-point NaN and infinities, which JSON has no number for, are strings.
 *
 * <p>A label that repeats (two columns called {@code name} in a join) gets a suffix {@code _2},
 * {@code _3}: JSON readers keep only one of equal keys.
 */
final class JsonPrinter {
  private JsonPrinter() {}

  /** Prints every remaining row, one object at a time. */
  static void print(ResultSet rs, PrintStream out) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    String[] keys = keys(md);
    int[] types = new int[n];
    for (int i = 0; i < n; i++) {
      types[i] = md.getColumnType(i + 1);
    }
    StringBuilder object = new StringBuilder();
    boolean first = true;
    while (rs.next()) {
      object.setLength(0);
      object.append(first ? "[\n  {" : ",\n  {");
      for (int i = 0; i < n; i++) {
        object.append(i == 0 ? "" : ", ").append(keys[i]).append(": ");
        value(rs, i + 1, types[i], object);
      }
      out.print(object.append('}'));
      first = false;
    }
    out.println(first ? "[]" : "\n]");
  }

  private static String[] keys(ResultSetMetaData md) throws SQLException {
    String[] keys = new String[md.getColumnCount()];
    Set<String> used = new HashSet<>();
    for (int i = 0; i < keys.length; i++) {
      String label = md.getColumnLabel(i + 1);
      String key = label;
      for (int k = 2; !used.add(key); k++) {
        key = label + "_" + k;
      }
      keys[i] = quote(key);
    }
    return keys;
  }

  private static void value(ResultSet rs, int column, int type, StringBuilder out) throws SQLException {
    if (SqlTypes.isBoolean(type)) {
      boolean b = rs.getBoolean(column);
      out.append(rs.wasNull() ? "null" : String.valueOf(b));
    } else if (SqlTypes.isExactInteger(type)) {
      long l = rs.getLong(column);
      out.append(rs.wasNull() ? "null" : String.valueOf(l));
    } else if (SqlTypes.isDecimal(type)) {
      BigDecimal d = rs.getBigDecimal(column);
      out.append(d == null ? "null" : d.toPlainString());
    } else if (SqlTypes.isFloatingPoint(type)) {
      // Through getObject, so that a REAL 0.1 stays 0.1 rather than widening to 0.10000000149011612.
      Object o = rs.getObject(column);
      if (o == null) {
        out.append("null");
      } else {
        boolean finite = o instanceof Number number && Double.isFinite(number.doubleValue());
        out.append(finite ? o.toString() : quote(o.toString()));
      }
    } else {
      String s = rs.getString(column);
      out.append(s == null ? "null" : quote(s));
    }
  }

  /** A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped. */
  static String quote(String text) {
    StringBuilder b = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
