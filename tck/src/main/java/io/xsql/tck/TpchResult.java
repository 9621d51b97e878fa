package io.xsql.tck;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A query's result in a form two engines can be compared in: numbers as {@code BigDecimal} (with the scale
 * the engine gave them), dates as ISO text, the rest as text, NULL as {@code null}.
 *
 * @param labels the column labels
 * @param rows the rows, in the order the engine returned them
 */
public record TpchResult(List<String> labels, List<List<Object>> rows) {
  /** Copies the lists. */
  public TpchResult {
    labels = List.copyOf(labels);
    rows = List.copyOf(rows);
  }

  /** Reads the remaining rows of a result set. */
  public static TpchResult read(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<String> labels = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      labels.add(md.getColumnLabel(i));
    }
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      List<Object> row = new ArrayList<>(labels.size());
      for (int i = 1; i <= labels.size(); i++) {
        row.add(value(rs, i, md.getColumnType(i)));
      }
      // Unmodifiable but NULL-tolerant, unlike List.copyOf.
      rows.add(Collections.unmodifiableList(row));
    }
    return new TpchResult(labels, rows);
  }

  private static Object value(ResultSet rs, int i, int type) throws SQLException {
    return switch (type) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC ->
          rs.getBigDecimal(i);
      case Types.REAL, Types.FLOAT, Types.DOUBLE -> {
        double d = rs.getDouble(i);
        yield rs.wasNull() ? null : BigDecimal.valueOf(d);
      }
      case Types.DATE -> {
        java.sql.Date d = rs.getDate(i);
        yield d == null ? null : d.toLocalDate().toString();
      }
      default -> rs.getString(i);
    };
  }

  /** The index of a column by its label, ignoring case (PostgreSQL folds unquoted labels to lower case). */
  public int column(String label) {
    for (int i = 0; i < labels.size(); i++) {
      if (labels.get(i).equalsIgnoreCase(label)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no column " + label + " in " + labels);
  }
}
