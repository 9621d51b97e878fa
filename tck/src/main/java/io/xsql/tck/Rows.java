package io.xsql.tck;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Query results as comparable text, one string per row, so that xsql and a reference database can be
 * compared whatever Java classes their drivers return.
 */
public final class Rows {
  private Rows() {}

  /** Runs a query and renders its rows. */
  public static List<String> of(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return of(rs);
    }
  }

  /** Renders the remaining rows of a result set. */
  public static List<String> of(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<String> out = new ArrayList<>();
    while (rs.next()) {
      StringBuilder b = new StringBuilder();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        b.append(i > 1 ? " | " : "").append(value(rs, i, md.getColumnType(i)));
      }
      out.add(b.toString());
    }
    return out;
  }

  private static String value(ResultSet rs, int i, int type) throws SQLException {
    String text = switch (type) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC -> {
        BigDecimal d = rs.getBigDecimal(i);
        yield d == null ? null : d.stripTrailingZeros().toPlainString();
      }
      case Types.REAL, Types.FLOAT, Types.DOUBLE -> {
        double d = rs.getDouble(i);
        yield rs.wasNull() ? null : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
      }
      case Types.BOOLEAN, Types.BIT -> {
        boolean b = rs.getBoolean(i);
        yield rs.wasNull() ? null : Boolean.toString(b);
      }
      case Types.DATE -> {
        java.sql.Date d = rs.getDate(i);
        yield d == null ? null : d.toLocalDate().toString();
      }
      case Types.TIMESTAMP -> {
        java.sql.Timestamp t = rs.getTimestamp(i);
        yield t == null ? null : t.toLocalDateTime().toString();
      }
      default -> rs.getString(i);
    };
    return text == null ? "NULL" : text;
  }
}
