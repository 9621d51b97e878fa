package io.xsql.server;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How {@code xsql query} prints rows. */
enum ResultFormat {
  /** An aligned text table for reading, with a row count. */
  TABLE {
    @Override
    void print(ResultSet rs, PrintStream out) throws SQLException {
      TablePrinter.print(rs, out);
    }
  },
  /** RFC 4180 CSV with a header record, for other tools. */
  CSV {
    @Override
    void print(ResultSet rs, PrintStream out) throws SQLException {
      CsvPrinter.print(rs, out);
    }
  },
  /** One JSON array of objects, for other tools. */
  JSON {
    @Override
    void print(ResultSet rs, PrintStream out) throws SQLException {
      JsonPrinter.print(rs, out);
    }
  };

  /** Prints every remaining row of {@code rs}. */
  abstract void print(ResultSet rs, PrintStream out) throws SQLException;

  /** The format of that name, in any case. */
  static ResultFormat parse(String name) throws UsageException {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("unknown format '" + name + "'; expected one of " + names());
    }
  }

  /** The formats' names as the command line spells them: {@code table|csv|json}. */
  static String names() {
    return Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining("|"));
  }
}
