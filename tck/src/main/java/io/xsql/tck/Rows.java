package io.xsql.tck;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

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
    Object value = switch (type) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC ->
          rs.getBigDecimal(i);
      case Types.REAL, Types.FLOAT, Types.DOUBLE -> {
        double d = rs.getDouble(i);
        yield rs.wasNull() ? null : d;
      }
      case Types.BOOLEAN, Types.BIT -> {
        boolean b = rs.getBoolean(i);
        yield rs.wasNull() ? null : b;
      }
      case Types.DATE -> rs.getDate(i);
      case Types.TIMESTAMP -> rs.getTimestamp(i);
      case Types.ARRAY -> {
        Array a = rs.getArray(i);
        yield a == null ? null : Arrays.asList((Object[]) a.getArray());
      }
      default -> rs.getString(i);
    };
    return text(value);
  }

  /** A value as text: numbers without trailing zeros, dates in ISO form, arrays as {@code [a, NULL]}. */
  private static String text(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof Double || value instanceof Float) {
      return BigDecimal.valueOf(((Number) value).doubleValue()).stripTrailingZeros().toPlainString();
    }
    if (value instanceof Number n) {
      BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
      return d.stripTrailingZeros().toPlainString();
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (value instanceof Timestamp t) {
      return t.toLocalDateTime().toString();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(Rows::text).collect(Collectors.joining(", ", "[", "]"));
    }
    return value.toString();
  }
}
