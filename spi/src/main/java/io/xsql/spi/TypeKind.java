package io.xsql.spi;

import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;

/**
 * The SQL types a source can produce, each with the Java class its values must have inside a row.
 *
 * <p>These are the engine's internal representations (the ones Calcite's runtime computes with), so a
 * source that produces them directly costs no conversion per row.
 */
public enum TypeKind {
  BOOLEAN(Boolean.class),
  INTEGER(Integer.class),
  BIGINT(Long.class),
  DOUBLE(Double.class),
  DECIMAL(BigDecimal.class),
  VARCHAR(String.class),
  /** Days since 1970-01-01. */
  DATE(Integer.class),
  /** Milliseconds since midnight. */
  TIME(Integer.class),
  /**
   * Milliseconds since 1970-01-01T00:00, as a wall-clock time (SQL's TIMESTAMP WITHOUT TIME ZONE). Sources
   * that meet an instant (a text with an offset, a {@code java.time.Instant}) store its UTC wall clock.
   */
  TIMESTAMP(Long.class),
  VARBINARY(ByteString.class),
  /**
   * A list of values of one scalar kind, the column's {@link ColumnType#element()}, each in that kind's
   * representation or null. The list is the array (Calcite's runtime computes with lists): NULL is no list,
   * an empty list is the empty array.
   */
  ARRAY(List.class);

  private final Class<?> javaClass;

  TypeKind(Class<?> javaClass) {
    this.javaClass = javaClass;
  }

  /** The class every non-null value of this kind has inside a row. */
  public Class<?> javaClass() {
    return javaClass;
  }

  /** Whether values of this kind are numbers. */
  public boolean isNumeric() {
    return this == INTEGER || this == BIGINT || this == DOUBLE || this == DECIMAL;
  }

  /**
   * The narrowest kind holding values of both kinds, for inferring a column's type from samples: integers
   * widen to BIGINT, any integer meeting a DOUBLE to DOUBLE (readers refuse integers a double cannot hold
   * exactly), DECIMAL (integers too big for BIGINT) stays DECIMAL with integers, DATE meets TIMESTAMP as
   * TIMESTAMP, and anything else meets at VARCHAR. ARRAY meets ARRAY as ARRAY (its elements widen by
   * {@link ColumnType#widen}) and any other kind at VARCHAR, like other mixed kinds.
   */
  public static TypeKind widen(TypeKind a, TypeKind b) {
    if (a == b) {
      return a;
    }
    if (a.isNumeric() && b.isNumeric()) {
      if (a == DOUBLE || b == DOUBLE) {
        return DOUBLE;
      }
      return a == DECIMAL || b == DECIMAL ? DECIMAL : BIGINT;
    }
    if ((a == DATE && b == TIMESTAMP) || (a == TIMESTAMP && b == DATE)) {
      return TIMESTAMP;
    }
    return VARCHAR;
  }
}
