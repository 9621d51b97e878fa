package io.xsql.driver;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.TimeZone;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.util.ArrayFactoryImpl;
import org.apache.calcite.avatica.util.DateTimeUtils;

/**
 * The rows of an array value as {@link java.sql.Array#getResultSet()} returns them: one per element, with
 * JDBC's two columns, the element's 1-based index and its value, read as a column of the element type
 * is. Calcite's result set has the value column only, which Avatica's server reads as the index: a query
 * returning an array failed over {@code xsql serve}, whose server sends arrays through these rows. The
 * embedded and the remote result sets make their arrays' rows, and their text, here.
 */
public final class ArrayRows {
  private ArrayRows() {}

  /**
   * The rows of an array's elements.
   *
   * @param elementType the element type the array's accessor was made for
   * @param elements the elements as that accessor returns them (dates as {@code java.sql.Date}...)
   * @param timeZone the time zone of the result set the array came from, which its accessor read in
   */
  public static ResultSet of(ColumnMetaData.AvaticaType elementType, Iterable<Object> elements,
      TimeZone timeZone) throws SQLException {
    List<Object> values = new ArrayList<>();
    for (Object e : elements) {
      values.add(engineValue(e, timeZone));
    }
    return new ArrayFactoryImpl(timeZone).create(elementType, values);
  }

  /** Whether a result set's column (1-based; false when out of range) holds arrays. */
  public static boolean isArray(List<ColumnMetaData> columns, int columnIndex) {
    return columnIndex >= 1 && columnIndex <= columns.size() && columns.get(columnIndex - 1).type.id == Types.ARRAY;
  }

  /**
   * The text of the array in a result set's column, or null: its elements' texts as columns of their type
   * give them ({@code [2024-02-29, null]}). Avatica's reads each element through the element type's
   * conversion a second time, which shifts dates and times outside UTC.
   *
   * @param rs a result set on a row
   * @param columnIndex a column of arrays, 1-based
   */
  public static String text(ResultSet rs, int columnIndex) throws SQLException {
    Array array = rs.getArray(columnIndex);
    if (array == null) {
      return null;
    }
    StringJoiner out = new StringJoiner(", ", "[", "]");
    try (ResultSet elements = array.getResultSet()) {
      while (elements.next()) {
        out.add(String.valueOf(elements.getString(2)));
      }
    }
    return out.toString();
  }

  /**
   * A date, time or timestamp back as the number the element type's accessor reads (days, milliseconds),
   * so that the value column converts it exactly as a column of that type, with the reader's calendar:
   * Avatica's server reads it in UTC, and a {@code java.sql} value made in another zone would shift.
   */
  private static Object engineValue(Object element, TimeZone zone) {
    if (element instanceof Timestamp t) {
      return DateTimeUtils.sqlTimestampToUnixTimestamp(t, zone);
    }
    if (element instanceof java.sql.Date d) {
      return DateTimeUtils.sqlDateToUnixDate(d, zone);
    }
    if (element instanceof Time t) {
      return DateTimeUtils.sqlTimeToUnixTime(t, zone);
    }
    return element;
  }
}
