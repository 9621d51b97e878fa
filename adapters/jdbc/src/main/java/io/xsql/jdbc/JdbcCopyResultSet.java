package io.xsql.jdbc;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.function.Function;
import org.postgresql.copy.CopyOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of PostgreSQL's {@code COPY (query) TO STDOUT} in its text format, as a forward-only result set
 * of the getters {@link JdbcRowReader} calls, each giving what PostgreSQL's driver gives for the same text
 * (integers read from a numeric's text are truncated, as the driver does). Only the column types of
 * {@link JdbcCopy#TYPES} come this way. Closing it before the end cancels the copy, so that the
 * connection can be used again.
 */
final class JdbcCopyResultSet extends ForwardingResultSet {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcCopyResultSet.class);
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final CopyOut copy;
  private final List<String> typeNames;
  /** Cancels the copy in the database. */
  private final Runnable cancel;
  /** Ends the query's cancel registration for the copy. */
  private final AutoCloseable onClose;
  private final int[] starts;
  private final int[] ends;
  private byte[] row;
  private boolean done;
  private boolean closed;
  private boolean lastNull;

  /**
   * @param copy the running copy
   * @param typeNames PostgreSQL's name of each column's type, all of them in {@link JdbcCopy#TYPES}
   * @param cancel cancels the copy in the database
   * @param onClose what closing ends besides the copy
   */
  JdbcCopyResultSet(CopyOut copy, List<String> typeNames, Runnable cancel, AutoCloseable onClose) {
    super(unsupported());
    this.copy = copy;
    this.cancel = cancel;
    this.onClose = onClose;
    this.typeNames = List.copyOf(typeNames);
    this.starts = new int[typeNames.size()];
    this.ends = new int[typeNames.size()];
  }

  /** What every method this class does not answer answers with. */
  private static ResultSet unsupported() {
    return (ResultSet) Proxy.newProxyInstance(JdbcCopyResultSet.class.getClassLoader(),
        new Class<?>[] {ResultSet.class}, (proxy, method, args) -> {
          throw new SQLFeatureNotSupportedException("a COPY result answers no " + method.getName());
        });
  }

  @Override
  public boolean next() throws SQLException {
    if (done) {
      return false;
    }
    row = copy.readFromCopy();
    if (row == null) {
      done = true;
      return false;
    }
    // A row is its fields separated by tabs and ended by a newline; both are escaped inside values, and
    // no byte of a multi-byte UTF-8 character is either.
    int field = 0;
    int start = 0;
    int end = row.length > 0 && row[row.length - 1] == '\n' ? row.length - 1 : row.length;
    for (int i = 0; i <= end; i++) {
      if (i == end || row[i] == '\t') {
        if (field == starts.length) {
          throw new SQLDataException("a COPY row has more than the " + starts.length + " columns asked for", "22000");
        }
        starts[field] = start;
        ends[field++] = i;
        start = i + 1;
      }
    }
    if (field != starts.length) {
      throw new SQLDataException("a COPY row has " + field + " columns, not " + starts.length, "22000");
    }
    return true;
  }

  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!done && copy.isActive()) {
        // The driver's cancelCopy leaves rows in flight that the connection's next statement would read:
        // cancel in the database, then read what it sent until the copy ends.
        cancel.run();
        while (copy.readFromCopy() != null) {
          // dropped
        }
      }
    } catch (SQLException e) {
      LOG.debug("A COPY read only in part ended with {}", e.getMessage());
    } finally {
      done = true;
      try {
        onClose.close();
      } catch (Exception e) {
        LOG.debug("Removing a COPY's cancel action failed", e);
      }
    }
  }

  @Override
  public boolean wasNull() {
    return lastNull;
  }

  @Override
  public String getString(int column) throws SQLException {
    int start = starts[column - 1];
    int end = ends[column - 1];
    lastNull = end - start == 2 && row[start] == '\\' && row[start + 1] == 'N';
    if (lastNull) {
      return null;
    }
    for (int i = start; i < end; i++) {
      if (row[i] == '\\') {
        return unescaped(start, end);
      }
    }
    return new String(row, start, end - start, StandardCharsets.UTF_8);
  }

  /** A value with COPY's backslash escapes: {@code \t}-like letters, octal and hex bytes, or the next byte. */
  private String unescaped(int start, int end) {
    byte[] out = new byte[end - start];
    int n = 0;
    for (int i = start; i < end; i++) {
      byte b = row[i];
      if (b != '\\' || i + 1 == end) {
        out[n++] = b;
        continue;
      }
      byte c = row[++i];
      switch (c) {
        case 'b' -> out[n++] = '\b';
        case 'f' -> out[n++] = '\f';
        case 'n' -> out[n++] = '\n';
        case 'r' -> out[n++] = '\r';
        case 't' -> out[n++] = '\t';
        case 'v' -> out[n++] = 0x0b;
        case 'x' -> {
          int value = 0;
          int digits = 0;
          while (digits < 2 && i + 1 < end && Character.digit(row[i + 1], 16) >= 0) {
            value = value * 16 + Character.digit(row[++i], 16);
            digits++;
          }
          out[n++] = digits == 0 ? (byte) 'x' : (byte) value;
        }
        default -> {
          if (c >= '0' && c <= '7') {
            int value = c - '0';
            for (int digits = 1; digits < 3 && i + 1 < end && row[i + 1] >= '0' && row[i + 1] <= '7'; digits++) {
              value = value * 8 + row[++i] - '0';
            }
            out[n++] = (byte) value;
          } else {
            out[n++] = c;
          }
        }
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }

  @Override
  public boolean getBoolean(int column) throws SQLException {
    String s = getString(column);
    if (s == null) {
      return false;
    }
    return switch (s) {
      case "t", "true", "1" -> true;
      case "f", "false", "0" -> false;
      default -> throw bad(s, "boolean", column);
    };
  }

  @Override
  public byte getByte(int column) throws SQLException {
    return (byte) integer(column, Byte.MIN_VALUE, Byte.MAX_VALUE, "tinyint");
  }

  @Override
  public short getShort(int column) throws SQLException {
    return (short) integer(column, Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
  }

  @Override
  public int getInt(int column) throws SQLException {
    return (int) integer(column, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
  }

  @Override
  public long getLong(int column) throws SQLException {
    return integer(column, Long.MIN_VALUE, Long.MAX_VALUE, "bigint");
  }

  /** An integer, the integral part of a decimal's text, within the bounds of the type asked for. */
  private long integer(int column, long min, long max, String type) throws SQLException {
    String s = getString(column);
    if (s == null) {
      return 0;
    }
    long value;
    try {
      value = Long.parseLong(s);
    } catch (NumberFormatException e) {
      BigInteger whole;
      try {
        whole = new BigDecimal(s).toBigInteger();
      } catch (NumberFormatException notNumber) {
        throw bad(s, type, column);
      }
      if (whole.compareTo(LONG_MIN) < 0 || whole.compareTo(LONG_MAX) > 0) {
        throw bad(s, type, column);
      }
      value = whole.longValue();
    }
    if (value < min || value > max) {
      throw bad(s, type, column);
    }
    return value;
  }

  @Override
  public float getFloat(int column) throws SQLException {
    return parsed(column, "real", 0f, Float::parseFloat);
  }

  @Override
  public double getDouble(int column) throws SQLException {
    return parsed(column, "double", 0d, Double::parseDouble);
  }

  @Override
  public BigDecimal getBigDecimal(int column) throws SQLException {
    return parsed(column, "numeric", null, BigDecimal::new);
  }

  /**
   * A date of the ISO style the driver sets for its sessions, at midnight in the JVM's zone as the driver's;
   * infinity and dates before Christ, which the driver reads into values of its own, fail.
   */
  @Override
  public Date getDate(int column) throws SQLException {
    return parsed(column, "date", null, Date::valueOf);
  }

  /** A column's text parsed, {@code ifNull} for NULL; text that does not parse fails with 22018. */
  private <T> T parsed(int column, String type, T ifNull, Function<String, T> parse) throws SQLException {
    String s = getString(column);
    if (s == null) {
      return ifNull;
    }
    try {
      return parse.apply(s);
    } catch (IllegalArgumentException e) {
      throw bad(s, type, column);
    }
  }

  /** The class the driver gives for the column's type. */
  @Override
  public Object getObject(int column) throws SQLException {
    String type = typeNames.get(column - 1);
    Object value = switch (type) {
      case "int2", "int4" -> getInt(column);
      case "int8" -> getLong(column);
      case "float4" -> getFloat(column);
      case "float8" -> getDouble(column);
      case "numeric" -> getBigDecimal(column);
      case "bool" -> getBoolean(column);
      case "date" -> getDate(column);
      default -> getString(column);
    };
    return lastNull ? null : value;
  }

  private static SQLException bad(String value, String type, int column) {
    return new SQLDataException("column " + column + " of a COPY row: '" + value + "' is not a " + type, "22018");
  }
}
