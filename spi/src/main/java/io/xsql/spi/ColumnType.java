package io.xsql.spi;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column's SQL type: a kind plus, where the kind takes them, precision and scale, and for an ARRAY the
 * type of its elements.
 *
 * @param kind the type
 * @param precision digits for DECIMAL, length for VARCHAR, or {@link #UNSPECIFIED}
 * @param scale digits after the point for DECIMAL, or {@link #UNSPECIFIED}
 * @param element for an ARRAY, the type of its elements, which is not an ARRAY; empty for other kinds
 */
public record ColumnType(TypeKind kind, int precision, int scale, Optional<ColumnType> element) {
  /** Marks a precision or scale that the type does not fix. */
  public static final int UNSPECIFIED = -1;

  private static final Pattern SYNTAX =
      Pattern.compile("\\s*([A-Za-z_ ]+?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*");

  /** An element type followed by SQL's {@code ARRAY} or PostgreSQL's {@code []}. */
  private static final Pattern ARRAY_SYNTAX = Pattern.compile("(?i)(.*?)\\s*(?:\\bARRAY|\\[\\s*])\\s*");

  /** Type names a catalog may use, with the common synonyms of PostgreSQL, MySQL and JSON Schema. */
  private static final Map<String, TypeKind> NAMES = Map.ofEntries(
      Map.entry("BOOLEAN", TypeKind.BOOLEAN), Map.entry("BOOL", TypeKind.BOOLEAN),
      Map.entry("INTEGER", TypeKind.INTEGER), Map.entry("INT", TypeKind.INTEGER),
      Map.entry("BIGINT", TypeKind.BIGINT), Map.entry("LONG", TypeKind.BIGINT),
      Map.entry("DOUBLE", TypeKind.DOUBLE), Map.entry("DOUBLE PRECISION", TypeKind.DOUBLE),
      Map.entry("FLOAT", TypeKind.DOUBLE),
      Map.entry("DECIMAL", TypeKind.DECIMAL), Map.entry("NUMERIC", TypeKind.DECIMAL),
      Map.entry("VARCHAR", TypeKind.VARCHAR), Map.entry("TEXT", TypeKind.VARCHAR),
      Map.entry("STRING", TypeKind.VARCHAR),
      Map.entry("DATE", TypeKind.DATE), Map.entry("TIME", TypeKind.TIME),
      Map.entry("TIMESTAMP", TypeKind.TIMESTAMP), Map.entry("DATETIME", TypeKind.TIMESTAMP),
      Map.entry("VARBINARY", TypeKind.VARBINARY), Map.entry("BYTES", TypeKind.VARBINARY));

  public ColumnType {
    requireNonNull(kind, "kind is null");
    requireNonNull(element, "element is null");
    if (scale != UNSPECIFIED && kind != TypeKind.DECIMAL) {
      throw new IllegalArgumentException(kind + " takes no scale");
    }
    if (precision != UNSPECIFIED && kind != TypeKind.DECIMAL && kind != TypeKind.VARCHAR) {
      throw new IllegalArgumentException(kind + " takes no precision");
    }
    if (kind == TypeKind.ARRAY && element.isEmpty()) {
      throw new IllegalArgumentException("ARRAY needs an element type");
    }
    if (kind != TypeKind.ARRAY && element.isPresent()) {
      throw new IllegalArgumentException(kind + " takes no element type");
    }
    if (element.filter(e -> e.kind() == TypeKind.ARRAY).isPresent()) {
      throw new IllegalArgumentException("arrays of arrays are not supported");
    }
  }

  /** A type of a kind other than ARRAY, with the given precision and scale. */
  public ColumnType(TypeKind kind, int precision, int scale) {
    this(kind, precision, scale, Optional.empty());
  }

  /** The type of the given kind with no precision or scale fixed; an ARRAY needs {@link #array} instead. */
  public static ColumnType of(TypeKind kind) {
    return new ColumnType(kind, UNSPECIFIED, UNSPECIFIED);
  }

  /** A DECIMAL with the given precision and scale. */
  public static ColumnType decimal(int precision, int scale) {
    return new ColumnType(TypeKind.DECIMAL, precision, scale);
  }

  /** An ARRAY of elements of the given type. */
  public static ColumnType array(ColumnType element) {
    return new ColumnType(TypeKind.ARRAY, UNSPECIFIED, UNSPECIFIED, Optional.of(element));
  }

  /**
   * The narrowest type holding values of both types, for inferring a column's type from samples: kinds
   * widen as {@link TypeKind#widen} does, and two ARRAYs widen their elements the same way ({@code
   * INTEGER ARRAY} and {@code BIGINT ARRAY} to {@code BIGINT ARRAY}, {@code INTEGER ARRAY} and {@code
   * VARCHAR ARRAY} to {@code VARCHAR ARRAY}). Unequal types keep no precision or scale.
   */
  public static ColumnType widen(ColumnType a, ColumnType b) {
    if (a.equals(b)) {
      return a;
    }
    TypeKind kind = TypeKind.widen(a.kind, b.kind);
    return kind == TypeKind.ARRAY ? array(widen(a.element.get(), b.element.get())) : of(kind);
  }

  /**
   * Parses a type as a catalog writes it: {@code INTEGER}, {@code varchar(20)}, {@code DECIMAL(10,2)},
   * common synonyms ({@code INT}, {@code TEXT}, {@code BIGINT}, {@code NUMERIC}, {@code DATETIME}), and
   * arrays of those as SQL writes them ({@code VARCHAR ARRAY}) or PostgreSQL ({@code text[]}).
   */
  public static Optional<ColumnType> parse(String text) {
    Matcher array = ARRAY_SYNTAX.matcher(text);
    return array.matches() ? scalar(array.group(1)).map(ColumnType::array) : scalar(text);
  }

  private static Optional<ColumnType> scalar(String text) {
    Matcher m = SYNTAX.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    TypeKind kind = NAMES.get(m.group(1).trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT));
    if (kind == null) {
      return Optional.empty();
    }
    int precision = m.group(2) == null ? UNSPECIFIED : Integer.parseInt(m.group(2));
    // SQL: DECIMAL(p) has no digits after the point.
    int scale = m.group(3) != null ? Integer.parseInt(m.group(3))
        : kind == TypeKind.DECIMAL && precision != UNSPECIFIED ? 0 : UNSPECIFIED;
    try {
      return Optional.of(new ColumnType(kind, precision, scale));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Makes a value of this type's kind respect its precision, scale and length: a DECIMAL is rescaled to
   * its scale (rounding half up when {@code round}, else only if no digit is lost) and must fit its
   * precision; a VARCHAR must fit its length; an ARRAY's elements must fit its element type, and come back
   * as a new list.
   *
   * @param value a non-null value of {@link #kind()}'s class
   * @param round whether a DECIMAL may lose digits to its scale, as a value stored into a declared column
   *     is rounded in SQL; false for types inferred from data, whose values must never change silently
   * @throws IllegalArgumentException saying why the value does not fit
   */
  public Object fit(Object value, boolean round) {
    if (kind == TypeKind.ARRAY) {
      Object[] fitted = ((List<?>) value).toArray();
      for (int i = 0; i < fitted.length; i++) {
        fitted[i] = fitted[i] == null ? null : element.get().fit(fitted[i], round);
      }
      return Collections.unmodifiableList(Arrays.asList(fitted));
    }
    if (kind == TypeKind.DECIMAL && scale != UNSPECIFIED) {
      BigDecimal d = (BigDecimal) value;
      BigDecimal scaled;
      try {
        scaled = round ? d.setScale(scale, RoundingMode.HALF_UP) : d.setScale(scale);
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(d.toPlainString() + " has more than " + scale
            + " digits after the point of " + this);
      }
      if (precision != UNSPECIFIED && scaled.precision() - scaled.scale() > precision - scale) {
        throw new IllegalArgumentException(d.toPlainString() + " does not fit " + this);
      }
      return scaled;
    }
    if (kind == TypeKind.VARCHAR && precision != UNSPECIFIED
        && ((String) value).codePointCount(0, ((String) value).length()) > precision) {
      throw new IllegalArgumentException("text of " + ((String) value).length() + " characters does not fit "
          + this);
    }
    return value;
  }

  /** The names {@link #parse} accepts, for error messages. */
  public static String knownNames() {
    return "BOOLEAN, INTEGER, BIGINT, DOUBLE, DECIMAL(p,s), VARCHAR, DATE, TIME, TIMESTAMP, VARBINARY, "
        + "or any of these followed by ARRAY";
  }

  @Override
  public String toString() {
    if (kind == TypeKind.ARRAY) {
      return element.get() + " ARRAY";
    }
    if (precision == UNSPECIFIED) {
      return kind.name();
    }
    return kind + "(" + precision + (scale == UNSPECIFIED ? "" : "," + scale) + ")";
  }
}
