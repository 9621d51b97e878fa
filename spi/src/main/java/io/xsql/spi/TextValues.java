package io.xsql.spi;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Text and numbers as schemaless data holds them (CSV fields, JSON values, API responses) to typed values,
 * and the type a value suggests when sampling: the rules every such source shares.
 */
public final class TextValues {
  private static final Pattern INTEGER = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern TIMESTAMP =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})?");
  /** What {@link #utcMillis} returns for a text it does not read. */
  private static final long NOT_UTC = Long.MIN_VALUE;
  /** ISO date and time, with a space or a T between them and an optional offset. */
  private static final DateTimeFormatter TIMESTAMP_FORMAT = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .append(DateTimeFormatter.ISO_LOCAL_TIME)
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .toFormatter(Locale.ROOT);

  private TextValues() {}

  /** The narrowest kind a non-empty text suggests; numbers with leading zeros stay text (zip codes). */
  public static TypeKind kindOfText(String text) {
    if (INTEGER.matcher(text).matches()) {
      return integerKind(new BigInteger(text.startsWith("+") ? text.substring(1) : text));
    }
    if (DECIMAL.matcher(text).matches()) {
      return TypeKind.DOUBLE;
    }
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return TypeKind.BOOLEAN;
    }
    return kindOfString(text);
  }

  /** The kind a JSON string suggests: a date or timestamp in ISO form, else text. */
  public static TypeKind kindOfString(String text) {
    try {
      if (DATE.matcher(text).matches()) {
        LocalDate.parse(text);
        return TypeKind.DATE;
      }
      if (TIMESTAMP.matcher(text).matches()) {
        TIMESTAMP_FORMAT.parse(text);
        return TypeKind.TIMESTAMP;
      }
    } catch (DateTimeParseException e) {
      // Looks like a date but is not one: text.
    }
    return TypeKind.VARCHAR;
  }

  /** The narrowest integer kind for a whole number. */
  public static TypeKind integerKind(BigInteger value) {
    if (value.bitLength() < 32) {
      return TypeKind.INTEGER;
    }
    return value.bitLength() < 64 ? TypeKind.BIGINT : TypeKind.DECIMAL;
  }

  /**
   * Parses text as a value of the type.
   *
   * @param pinned whether the catalog declared the type; a type inferred from samples reads only text the
   *     inference would have accepted (an integer column refuses {@code 007}), and never rounds
   * @throws IllegalArgumentException saying what was expected and what came, if the text is not such a value
   */
  public static Object parse(String text, ColumnType type, boolean pinned) {
    try {
      return switch (type.kind()) {
        case VARCHAR -> type.fit(text, pinned);
        case INTEGER, BIGINT -> {
          if (!pinned && !INTEGER.matcher(text).matches()) {
            throw new IllegalArgumentException("leading zeros, signs and spaces need a pinned type");
          }
          yield type.kind() == TypeKind.INTEGER ? (Object) Integer.parseInt(text.trim())
              : (Object) Long.parseLong(text.trim());
        }
        case DOUBLE -> INTEGER.matcher(text.trim()).matches()
            ? exactDouble(new BigDecimal(text.trim()), Double.parseDouble(text.trim()))
            : Double.parseDouble(text.trim());
        case DECIMAL -> type.fit(new BigDecimal(text.trim()), pinned);
        case BOOLEAN -> bool(text.trim());
        case DATE -> Math.toIntExact(LocalDate.parse(text.trim()).toEpochDay());
        case TIME -> (int) (LocalTime.parse(text.trim()).toNanoOfDay() / 1_000_000);
        case TIMESTAMP -> timestamp(text.trim());
        case VARBINARY -> new ByteString(HexFormat.of().parseHex(
            text.startsWith("\\x") ? text.substring(2) : text));
        case ARRAY -> throw new IllegalArgumentException("arrays are not read from text");
      };
    } catch (RuntimeException e) {
      throw mismatch(type, quote(text), e);
    }
  }

  /**
   * A number read as the type: exact, or an error (a pinned DECIMAL rounds to its scale).
   *
   * @throws IllegalArgumentException saying what was expected and what came
   */
  public static Object number(BigDecimal value, ColumnType type, boolean pinned) {
    try {
      return switch (type.kind()) {
        case INTEGER -> value.intValueExact();
        case BIGINT -> value.longValueExact();
        case DOUBLE -> value.scale() <= 0 ? exactDouble(value, value.doubleValue()) : value.doubleValue();
        case DECIMAL -> type.fit(value, pinned);
        case VARCHAR -> type.fit(value.toString(), pinned);
        default -> throw new IllegalArgumentException("not a number column");
      };
    } catch (RuntimeException e) {
      throw mismatch(type, value.toPlainString(), e);
    }
  }

  /**
   * A double, unless the number, written as an integer, is one a double cannot hold exactly: a column
   * inferred as DOUBLE from integers and fractions must not turn 9007199254740993 into 9007199254740992.
   */
  private static Object exactDouble(BigDecimal value, double d) {
    if (Math.abs(d) >= 0x1p53 && new BigDecimal(d).compareTo(value) != 0) {
      throw new ArithmeticException(value.toPlainString() + " has more digits than a DOUBLE holds");
    }
    return d;
  }

  private static IllegalArgumentException mismatch(ColumnType type, String got, RuntimeException cause) {
    String why = cause instanceof IllegalArgumentException && !(cause instanceof NumberFormatException)
        || cause instanceof ArithmeticException ? " (" + cause.getMessage() + ")" : "";
    return new IllegalArgumentException("expected " + type + " but got " + got + why, cause);
  }

  private static Boolean bool(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "t", "yes", "y", "1" -> Boolean.TRUE;
      case "false", "f", "no", "n", "0" -> Boolean.FALSE;
      default -> throw new IllegalArgumentException(text);
    };
  }

  /** Wall-clock milliseconds; a text with an offset is moved to UTC. */
  private static long timestamp(String text) {
    long utc = utcMillis(text);
    if (utc != NOT_UTC) {
      return utc;
    }
    if (DATE.matcher(text).matches()) {
      return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    var parsed = TIMESTAMP_FORMAT.parse(text);
    LocalDateTime local = LocalDateTime.of(LocalDate.from(parsed), LocalTime.from(parsed));
    if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
      return OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)))
          .toInstant().toEpochMilli();
    }
    return local.toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  /**
   * The milliseconds of a text of the shape producers mostly write, {@code 2026-01-31T12:00:00.123Z} (a space
   * for the T, a fraction of up to nine digits or none), read digit by digit; {@link #NOT_UTC} for any other
   * text, or one whose fields are out of range, which the formatter then reads or refuses. The formatter,
   * with its optional parts, took most of the time of reading a stream of JSON events.
   */
  private static long utcMillis(String t) {
    int n = t.length();
    if (n < 20 || t.charAt(n - 1) != 'Z' || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(13) != ':'
        || t.charAt(16) != ':' || (t.charAt(10) != 'T' && t.charAt(10) != ' ')
        || (n > 20 && (t.charAt(19) != '.' || n == 21 || n > 30))) {
      return NOT_UTC;
    }
    int[] fields = {digits(t, 0, 4), digits(t, 5, 7), digits(t, 8, 10), digits(t, 11, 13), digits(t, 14, 16),
        digits(t, 17, 19), n > 20 ? digits(t, 20, n - 1) : 0};
    for (int f : fields) {
      if (f < 0) {
        return NOT_UTC;
      }
    }
    int nanos = n > 20 ? fields[6] * (int) Math.pow(10, 30 - n) : 0;
    try {
      return LocalDateTime.of(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], nanos)
          .toEpochSecond(ZoneOffset.UTC) * 1000 + nanos / 1_000_000;
    } catch (DateTimeException e) {
      return NOT_UTC;
    }
  }

  /** The decimal number of {@code t}'s characters from {@code from} to {@code to}, or -1 if one is no digit. */
  private static int digits(String t, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** Text for a message, cut to a readable length. */
  public static String quote(String text) {
    return text.length() > 40 ? "'" + text.substring(0, 40) + "...'" : "'" + text + "'";
  }
}
