package io.xsql.server;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints rows as an aligned text table in the style of psql: a header, a rule, the rows with numbers to
 * the right, and a row count. NULL prints as {@code NULL}.
 */
final class TablePrinter {
  private static final String NULL = "NULL";

  private TablePrinter() {}

  /**
   * Prints every remaining row. All rows are held in memory to size the columns: a table is for results
   * a person reads; the CSV and JSON printers stream.
   */
  static void print(ResultSet rs, PrintStream out) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    String[] header = new String[n];
    boolean[] right = new boolean[n];
    int[] widths = new int[n];
    for (int i = 0; i < n; i++) {
      header[i] = visible(md.getColumnLabel(i + 1));
      right[i] = SqlTypes.isNumeric(md.getColumnType(i + 1));
      widths[i] = width(header[i]);
    }
    List<String[]> rows = new ArrayList<>();
    while (rs.next()) {
      String[] row = new String[n];
      for (int i = 0; i < n; i++) {
        String value = rs.getString(i + 1);
        row[i] = value == null ? NULL : visible(value);
        widths[i] = Math.max(widths[i], width(row[i]));
      }
      rows.add(row);
    }
    out.println(line(header, widths, right));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < n; i++) {
      rule.append(i == 0 ? "" : "+").append("-".repeat(widths[i] + 2));
    }
    out.println(rule);
    for (String[] row : rows) {
      out.println(line(row, widths, right));
    }
    out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
  }

  private static String line(String[] cells, int[] widths, boolean[] right) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      String pad = " ".repeat(widths[i] - width(cells[i]));
      b.append(i == 0 ? " " : " | ").append(right[i] ? pad + cells[i] : cells[i] + pad);
    }
    return b.toString().stripTrailing();
  }

  /** Line breaks and tabs would break the grid; they show as escapes instead. */
  private static String visible(String text) {
    return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
  }

  private static int width(String text) {
    return text.codePointCount(0, text.length());
  }
}
