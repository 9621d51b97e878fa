package io.xsql.server;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * Prints rows as RFC 4180 CSV: a header record, CRLF line ends, fields quoted when they hold a comma, a
 * quote or a line break. NULL is an empty field and an empty string is {@code ""}, as in PostgreSQL's
 * COPY, which is also how xsql's CSV reader tells them apart.
 */
final class CsvPrinter {
  private static final String EOL = "\r\n";

  private CsvPrinter() {}

  /** Prints every remaining row, one record at a time. */
  static void print(ResultSet rs, PrintStream out) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    StringBuilder record = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      record.append(i == 1 ? "" : ",").append(field(md.getColumnLabel(i)));
    }
    out.print(record.append(EOL));
    while (rs.next()) {
      record.setLength(0);
      for (int i = 1; i <= n; i++) {
        String value = rs.getString(i);
        record.append(i == 1 ? "" : ",").append(value == null ? "" : field(value));
      }
      out.print(record.append(EOL));
    }
  }

  /** One field, quoted when it must be; the empty string too, to tell it from NULL. */
  static String field(String text) {
    if (text.isEmpty()) {
      return "\"\"";
    }
    boolean quote = text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }
}
