package io.xsql.tck;

import java.math.BigDecimal;

/**
 * Rows as RFC 4180 CSV lines, as PostgreSQL's {@code COPY ... (FORMAT csv)} and xsql's CSV sources read
 * them: every text quoted (TPC-H comments hold commas), numbers and ISO dates bare.
 */
final class TpchCsv {
  private TpchCsv() {}

  /** The header line of a table's file. */
  static String header(TpchTableDef table) {
    return String.join(",", table.columns().stream().map(TpchColumnDef::name).toList()) + "\n";
  }

  /** Appends one row and its line end. */
  static void append(StringBuilder b, Object[] row) {
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      Object v = row[i];
      if (v instanceof String s) {
        b.append('"').append(s.replace("\"", "\"\"")).append('"');
      } else if (v instanceof BigDecimal d) {
        b.append(d.toPlainString());
      } else {
        b.append(v);
      }
    }
    b.append('\n');
  }
}
