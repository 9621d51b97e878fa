package io.xsql.java;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.xsql.spi.ColumnType;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.SourceException;
import io.xsql.spi.TypeKind;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.calcite.avatica.util.ByteString;

/** Java values to the engine's representation ({@link TypeKind#javaClass()}), and Java types to kinds. */
final class JavaValues {
  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private JavaValues() {}

  /** The column kind for values of a Java type; anything unknown becomes text (JSON for structures). */
  static TypeKind kindOf(Class<?> type) {
    return scalarKind(type).orElse(TypeKind.VARCHAR);
  }

  /**
   * The column type for a declared Java type: a {@code List} of a scalar type ({@code List<String>},
   * {@code List<Integer>}) is an ARRAY of that type's kind, any other type as {@link #kindOf}.
   *
   * @param type the erased type
   * @param declared the type as declared, with its type arguments
   */
  static ColumnType typeOf(Class<?> type, Type declared) {
    Optional<TypeKind> element = List.class.isAssignableFrom(type) && declared instanceof ParameterizedType p
        && p.getActualTypeArguments()[0] instanceof Class<?> e ? scalarKind(e) : Optional.empty();
    return element.map(k -> ColumnType.array(ColumnType.of(k))).orElseGet(() -> ColumnType.of(kindOf(type)));
  }

  /**
   * The column type a sampled value shows: a list of scalars (nulls among them allowed) is an ARRAY of
   * their widened kinds, a list holding structures is text; empty when the value shows nothing (null, or
   * a list without a non-null element).
   */
  static Optional<ColumnType> sampledType(Object value) {
    if (!(value instanceof List<?> list)) {
      return Optional.ofNullable(value).map(v -> ColumnType.of(kindOf(v.getClass())));
    }
    Optional<ColumnType> element = Optional.empty();
    for (Object e : list) {
      if (e == null) {
        continue;
      }
      Optional<TypeKind> kind = scalarKind(e.getClass());
      if (kind.isEmpty()) {
        return Optional.of(ColumnType.of(TypeKind.VARCHAR));
      }
      ColumnType type = ColumnType.of(kind.get());
      element = Optional.of(element.map(seen -> ColumnType.widen(seen, type)).orElse(type));
    }
    return element.map(ColumnType::array);
  }

  /** The kind of a scalar Java type; empty for structures (maps, collections, arrays) and other objects. */
  private static Optional<TypeKind> scalarKind(Class<?> type) {
    if (type == int.class || type == Integer.class || type == short.class || type == Short.class
        || type == byte.class || type == Byte.class) {
      return Optional.of(TypeKind.INTEGER);
    }
    if (type == long.class || type == Long.class) {
      return Optional.of(TypeKind.BIGINT);
    }
    if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
      return Optional.of(TypeKind.DOUBLE);
    }
    if (type == BigDecimal.class || type == BigInteger.class) {
      return Optional.of(TypeKind.DECIMAL);
    }
    if (type == boolean.class || type == Boolean.class) {
      return Optional.of(TypeKind.BOOLEAN);
    }
    if (type == LocalDate.class || type == java.sql.Date.class) {
      return Optional.of(TypeKind.DATE);
    }
    if (type == LocalTime.class || type == java.sql.Time.class) {
      return Optional.of(TypeKind.TIME);
    }
    if (type == LocalDateTime.class || java.util.Date.class.isAssignableFrom(type)
        || type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
      return Optional.of(TypeKind.TIMESTAMP);
    }
    if (type == byte[].class || ByteBuffer.class.isAssignableFrom(type)) {
      return Optional.of(TypeKind.VARBINARY);
    }
    if (CharSequence.class.isAssignableFrom(type) || type == Character.class || type == char.class
        || type == UUID.class || Enum.class.isAssignableFrom(type)) {
      return Optional.of(TypeKind.VARCHAR);
    }
    return Optional.empty();
  }

  /**
   * Converts a Java value to the column type's representation; an inferred DECIMAL takes no rounding.
   *
   * @throws SourceException with {@link ErrorCode#DATA_TYPE} if the value does not fit
   */
  static Object convert(Object value, ColumnType type) {
    if (value == null) {
      return null;
    }
    TypeKind kind = type.kind();
    try {
      // Dates and times arrive as java.time or java.sql values, never as the engine's numbers: an Integer
      // in a DATE column is a mistake, not a day count.
      Object converted = switch (kind) {
        case INTEGER -> value instanceof Number n ? Math.toIntExact(exactLong(n)) : null;
        case BIGINT -> value instanceof Number n ? exactLong(n) : null;
        case DOUBLE -> value instanceof Number n ? n.doubleValue() : null;
        case DECIMAL -> value instanceof Number n ? type.fit(decimal(n), false) : null;
        case BOOLEAN -> value instanceof Boolean ? value : null;
        case VARCHAR -> type.fit(text(value), false);
        case DATE -> date(value);
        case TIME -> time(value);
        case TIMESTAMP -> timestamp(value);
        case VARBINARY -> value instanceof byte[] b ? new ByteString(b)
            : value instanceof ByteBuffer buf ? new ByteString(bytes(buf)) : null;
        case ARRAY -> value instanceof List<?> list ? elements(list, type.element().get()) : null;
      };
      if (converted != null) {
        return converted;
      }
    } catch (ArithmeticException | IllegalArgumentException e) {
      throw new SourceException(ErrorCode.DATA_TYPE, value + " does not fit " + type + ": " + e.getMessage(), e);
    }
    throw new SourceException(ErrorCode.DATA_TYPE,
        "expected " + type + " but got " + value.getClass().getSimpleName() + " " + abbreviate(value));
  }

  /** A list's elements converted to the element type, nulls kept. */
  private static List<Object> elements(List<?> list, ColumnType element) {
    Object[] out = list.toArray();
    for (int i = 0; i < out.length; i++) {
      out[i] = convert(out[i], element);
    }
    return Collections.unmodifiableList(Arrays.asList(out));
  }

  private static long exactLong(Number n) {
    if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
      return n.longValue();
    }
    return decimal(n).longValueExact();
  }

  static BigDecimal decimal(Number n) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (n instanceof Double || n instanceof Float) {
      return BigDecimal.valueOf(n.doubleValue());
    }
    return BigDecimal.valueOf(n.longValue());
  }

  private static String text(Object value) {
    if (value instanceof Map || value instanceof Collection || value.getClass().isArray()) {
      try {
        return JSON.writeValueAsString(value);
      } catch (JsonProcessingException e) {
        throw new SourceException(ErrorCode.DATA_TYPE, "cannot write " + value.getClass() + " as JSON", e);
      }
    }
    return value instanceof UUID || value instanceof Enum || value instanceof CharSequence
        || value instanceof Character ? value.toString() : String.valueOf(value);
  }

  private static Integer date(Object value) {
    if (value instanceof LocalDate d) {
      return Math.toIntExact(d.toEpochDay());
    }
    if (value instanceof java.sql.Date d) {
      return Math.toIntExact(d.toLocalDate().toEpochDay());
    }
    return null;
  }

  private static Integer time(Object value) {
    if (value instanceof LocalTime t) {
      return (int) (t.toNanoOfDay() / 1_000_000);
    }
    if (value instanceof java.sql.Time t) {
      return (int) (t.toLocalTime().toNanoOfDay() / 1_000_000);
    }
    return null;
  }

  /** Wall-clock milliseconds; instants are read in UTC. */
  private static Long timestamp(Object value) {
    LocalDateTime local;
    if (value instanceof LocalDateTime t) {
      local = t;
    } else if (value instanceof java.sql.Timestamp t) {
      local = t.toLocalDateTime();
    } else if (value instanceof java.util.Date d) {
      local = LocalDateTime.ofInstant(d.toInstant(), ZoneOffset.UTC);
    } else if (value instanceof Instant i) {
      local = LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    } else if (value instanceof OffsetDateTime t) {
      local = LocalDateTime.ofInstant(t.toInstant(), ZoneOffset.UTC);
    } else if (value instanceof ZonedDateTime t) {
      local = LocalDateTime.ofInstant(t.toInstant(), ZoneOffset.UTC);
    } else {
      return null;
    }
    return local.toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] b = new byte[buffer.remaining()];
    buffer.duplicate().get(b);
    return b;
  }

  private static String abbreviate(Object value) {
    String s = String.valueOf(value);
    return s.length() > 40 ? "'" + s.substring(0, 40) + "...'" : "'" + s + "'";
  }
}
