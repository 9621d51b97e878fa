package io.xsql.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.SQLException;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Turns what a driver's {@code getObject} returns into the Java value xsql's type for the column holds.
 * Calcite reads every non-primitive column with {@code getObject}; drivers answer with their own classes
 * (UUID, PGobject for json, Blob, BigInteger for unsigned BIGINT), which xsql types as VARCHAR,
 * VARBINARY or DECIMAL.
 */
final class JdbcValues {
  private JdbcValues() {}

  static Object normalize(Object value) throws SQLException {
    if (value == null || value instanceof String || value instanceof Number && !(value instanceof BigInteger)
        || value instanceof Boolean || value instanceof java.util.Date || value instanceof Array
        || value instanceof ByteString) {
      return value;
    }
    if (value instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (value instanceof byte[] b) {
      return new ByteString(b);
    }
    if (value instanceof Blob b) {
      return new ByteString(b.getBytes(1, Math.toIntExact(b.length())));
    }
    if (value instanceof Clob c) {
      return c.getSubString(1, Math.toIntExact(c.length()));
    }
    // uuid, json, enums, intervals, addresses: their text form, as the database prints them.
    return value.toString();
  }
}
