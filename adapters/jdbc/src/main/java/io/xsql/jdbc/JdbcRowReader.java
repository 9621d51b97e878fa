package io.xsql.jdbc;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.runtime.SqlFunctions;
import org.apache.calcite.sql.SqlDialect;

/**
 * Reads a row of a pushed-down subtree's result set into the values Calcite's generated code reads
 * ({@code JdbcToEnumerableConverter.generateGet}): the same getter per field type, the same conversion of
 * dates and timestamps, NULL where {@code wasNull}. Rows of a lookup and of the subtree's own scan meet in
 * one join, so they must not differ even in a value's class.
 */
final class JdbcRowReader {
  /** Reads one column (1-based) of the current row. */
  private interface Getter {
    Object get(ResultSet rs, int column) throws SQLException;
  }

  private final List<Getter> getters;

  private JdbcRowReader(List<Getter> getters) {
    this.getters = getters;
  }

  /**
   * The reader for a row type, or empty for calendar policies no dialect of Calcite uses (LOCAL, DIRECT),
   * which this does not reproduce.
   */
  static Optional<JdbcRowReader> of(RelDataType rowType, JavaTypeFactory types, SqlDialect dialect) {
    SqlDialect.CalendarPolicy policy = dialect.getCalendarPolicy();
    if (policy != SqlDialect.CalendarPolicy.NULL && policy != SqlDialect.CalendarPolicy.SHIFT) {
      return Optional.empty();
    }
    boolean shift = policy == SqlDialect.CalendarPolicy.SHIFT;
    return Optional.of(new JdbcRowReader(rowType.getFieldList().stream()
        .map(f -> getter(f, types, shift)).toList()));
  }

  /** The current row's values of the given fields (0-based), in that order. */
  Object[] read(ResultSet rs, int[] fields) throws SQLException {
    Object[] row = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      row[i] = getters.get(fields[i]).get(rs, fields[i] + 1);
    }
    return row;
  }

  /**
   * Calcite's getter. Under SHIFT, dates and timestamps are shifted by the query's time zone, which is the
   * JVM's unless the connection sets Calcite's {@code timeZone} (xsql does not).
   */
  private static Getter getter(RelDataTypeField field, JavaTypeFactory types, boolean shift) {
    Primitive primitive = Primitive.ofBoxOr(types.getJavaClass(field.getType()));
    return switch (field.getType().getSqlTypeName()) {
      case DATE -> shift ? (rs, i) -> SqlFunctions.toIntOptional(rs.getDate(i), TimeZone.getDefault())
          : (rs, i) -> SqlFunctions.toIntOptional(rs.getDate(i));
      case TIME -> (rs, i) -> SqlFunctions.toIntOptional(rs.getTime(i));
      case TIMESTAMP -> shift
          ? (rs, i) -> SqlFunctions.toLongOptional(rs.getTimestamp(i), TimeZone.getDefault())
          : (rs, i) -> SqlFunctions.toLongOptional(rs.getTimestamp(i));
      case ARRAY -> (rs, i) -> SqlFunctions.arrayToList((Array) rs.getObject(i));
      case NULL -> (rs, i) -> null;
      default -> primitive == null ? ResultSet::getObject : primitive(primitive);
    };
  }

  private static Getter primitive(Primitive primitive) {
    Getter get = switch (primitive) {
      case BOOLEAN -> ResultSet::getBoolean;
      case BYTE -> ResultSet::getByte;
      case SHORT -> ResultSet::getShort;
      case INT -> ResultSet::getInt;
      case LONG -> ResultSet::getLong;
      case FLOAT -> ResultSet::getFloat;
      case DOUBLE -> ResultSet::getDouble;
      default -> throw new IllegalArgumentException("no JDBC getter for " + primitive);
    };
    return (rs, i) -> {
      Object value = get.get(rs, i);
      return rs.wasNull() ? null : value;
    };
  }
}
