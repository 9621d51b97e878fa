package io.xsql.jdbc;

import java.math.BigDecimal;
import java.sql.Types;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.calcite.runtime.SqlFunctions;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The types a database lookup may take keys of: those the database compares so that it returns at least
 * every row xsql finds equal (xsql checks the keys of the rows it gets again, so more is harmless, fewer
 * a wrong result). Not CHAR (the database pads it), TIME and TIMESTAMP (xsql holds milliseconds, the
 * database finer), floating types, binary or arrays.
 */
enum JdbcKeyType {
  SMALLINT("int2"),
  INTEGER("int4"),
  BIGINT("int8"),
  DECIMAL("numeric"),
  BOOLEAN("bool"),
  DATE("date"),
  VARCHAR("text");

  private final String postgresName;

  JdbcKeyType(String postgresName) {
    this.postgresName = postgresName;
  }

  /** The key type for a field's type, if lookups may take it. */
  static Optional<JdbcKeyType> of(SqlTypeName type) {
    return Optional.ofNullable(switch (type) {
      case TINYINT, SMALLINT -> SMALLINT;
      case INTEGER -> INTEGER;
      case BIGINT -> BIGINT;
      case DECIMAL -> DECIMAL;
      case BOOLEAN -> BOOLEAN;
      case DATE -> DATE;
      case VARCHAR -> VARCHAR;
      default -> null;
    });
  }

  /**
   * Whether a key of this type must come straight from a table column that {@link #isPlain} admits: text
   * and dates are also how xsql reads types it has no kind for (uuid, json, intervals, MySQL's YEAR), whose
   * text the database would not compare as xsql does.
   */
  boolean needsPlainColumn() {
    return this == VARCHAR || this == DATE;
  }

  /** Whether a database column holds true text or dates, which compare with a bound value as in xsql. */
  static boolean isPlain(JdbcKind kind, JdbcColumn column) {
    String name = column.typeName().toLowerCase(Locale.ROOT);
    return switch (column.jdbcType()) {
      // MySQL compares a JSON column with a string as a JSON string value.
      case Types.VARCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR ->
          !(kind == JdbcKind.MYSQL && name.equals("json"));
      case Types.DATE -> !name.equals("year");
      default -> false;
    };
  }

  /** PostgreSQL's name for the type, for an array of keys. */
  String postgresName() {
    return postgresName;
  }

  /** A key value of xsql's class for the type as a value to bind. */
  Object bind(Object value) {
    return switch (this) {
      case SMALLINT -> ((Number) value).shortValue();
      case INTEGER -> Math.toIntExact(((Number) value).longValue());
      case BIGINT -> ((Number) value).longValue();
      case DECIMAL -> value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
      // Days to the date Calcite's reading of the column turns into these days (SqlFunctions.toInt).
      case DATE -> SqlFunctions.internalToDate((Integer) value);
      case BOOLEAN, VARCHAR -> value;
    };
  }

  /**
   * Key values as a PostgreSQL array literal of this type, for a statement that takes no bind parameters:
   * numbers and booleans by their digits or words, dates and text as quoted elements, and the literal as
   * an escape string ({@code E'...'}), whose quotes and backslashes are escaped whatever the server's
   * {@code standard_conforming_strings}.
   */
  String postgresArray(List<Object> values) {
    StringBuilder array = new StringBuilder(values.size() * 8 + 16).append('{');
    for (int i = 0; i < values.size(); i++) {
      Object value = values.get(i) == null ? null : arrayElement(values.get(i));
      array.append(i == 0 ? "" : ",");
      if (value == null) {
        array.append("NULL");
      } else if (value instanceof BigDecimal d) {
        array.append(d.toPlainString());
      } else if (value instanceof Number || value instanceof Boolean) {
        array.append(value);
      } else {
        array.append('"').append(value.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      }
    }
    array.append('}');
    return "E'" + array.toString().replace("\\", "\\\\").replace("'", "''") + "'::" + postgresName + "[]";
  }

  /** A key value as an element of a PostgreSQL array: the driver writes dates by their text. */
  Object arrayElement(Object value) {
    Object bound = bind(value);
    return this == DATE ? bound.toString() : bound;
  }
}
