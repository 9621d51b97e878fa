package io.xsql.trino;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.TimeType.TIME_MILLIS;
import static io.trino.spi.type.TimestampType.TIMESTAMP_MILLIS;
import static io.trino.spi.type.VarbinaryType.VARBINARY;

import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Decimals;
import io.trino.spi.type.Int128;
import io.trino.spi.type.Type;
import io.trino.spi.type.TypeUtils;
import io.trino.spi.type.VarcharType;
import io.xsql.spi.ColumnType;
import io.xsql.spi.TypeKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.avatica.util.ByteString;

/**
 * xsql's column types and values as Trino's: the same types embedded xsql gives a column, and values in the
 * representation Trino computes with (a DATE as days, a TIMESTAMP(3) as microseconds, text as a slice).
 */
final class XsqlTrinoTypes {
  /** As embedded xsql types a DECIMAL without precision: the widest there is, half of it after the point. */
  private static final int MAX_PRECISION = Decimals.MAX_PRECISION;
  private static final long MICROS_PER_MILLI = 1_000;
  private static final long PICOS_PER_MILLI = 1_000_000_000;

  private XsqlTrinoTypes() {}

  /** The Trino type of a column of this xsql type. */
  static Type trinoType(ColumnType type) {
    return switch (type.kind()) {
      case BOOLEAN -> BOOLEAN;
      case INTEGER -> INTEGER;
      case BIGINT -> BIGINT;
      case DOUBLE -> DOUBLE;
      case DECIMAL -> {
        int precision = type.precision() == ColumnType.UNSPECIFIED ? MAX_PRECISION : type.precision();
        int scale = type.scale() == ColumnType.UNSPECIFIED
            ? (type.precision() == ColumnType.UNSPECIFIED ? precision / 2 : 0) : type.scale();
        yield DecimalType.createDecimalType(precision, scale);
      }
      case VARCHAR -> type.precision() == ColumnType.UNSPECIFIED ? VarcharType.VARCHAR
          : VarcharType.createVarcharType(type.precision());
      case DATE -> DATE;
      // Values carry milliseconds, as embedded xsql's TIME(3) and TIMESTAMP(3) do.
      case TIME -> TIME_MILLIS;
      case TIMESTAMP -> TIMESTAMP_MILLIS;
      case VARBINARY -> VARBINARY;
      case ARRAY -> new ArrayType(trinoType(type.element().orElseThrow()));
    };
  }

  /**
   * A non-null xsql value as Trino holds it: Boolean, Long, Double, Slice, Int128 (a long DECIMAL) or, for
   * an ARRAY, a block of its elements.
   */
  static Object toNative(Type type, Object value) {
    if (type instanceof ArrayType array) {
      List<?> list = (List<?>) value;
      Type element = array.getElementType();
      BlockBuilder out = element.createBlockBuilder(null, list.size());
      for (Object v : list) {
        TypeUtils.writeNativeValue(element, out, v == null ? null : toNative(element, v));
      }
      return out.build();
    }
    if (type instanceof DecimalType decimal) {
      BigDecimal d = ((BigDecimal) value).setScale(decimal.getScale(), RoundingMode.HALF_UP);
      return decimal.isShort() ? (Object) d.unscaledValue().longValueExact()
          : Int128.valueOf(d.unscaledValue());
    }
    return switch (value) {
      case Boolean b -> b;
      case Integer i when type.equals(TIME_MILLIS) -> i * PICOS_PER_MILLI;
      case Integer i -> (long) i;
      case Long l when type.equals(TIMESTAMP_MILLIS) -> l * MICROS_PER_MILLI;
      case Long l -> l;
      case Double d -> d;
      case String s -> Slices.utf8Slice(s);
      case ByteString b -> Slices.wrappedBuffer(b.getBytes());
      default -> throw new IllegalArgumentException("no Trino value for " + value.getClass().getName()
          + " as " + type);
    };
  }

  /**
   * A Trino value as the xsql value of a column of this kind, for a filter the source evaluates; empty
   * when no xsql value equals it exactly (a timestamp with microseconds), so the filter stays with Trino.
   */
  static Optional<Object> fromNative(Type type, TypeKind kind, Object value) {
    return Optional.ofNullable(switch (kind) {
      case BOOLEAN, DOUBLE -> value;
      case INTEGER, DATE -> Math.toIntExact((Long) value);
      case BIGINT -> value;
      case DECIMAL -> {
        int scale = ((DecimalType) type).getScale();
        BigInteger unscaled = value instanceof Int128 i ? i.toBigInteger() : BigInteger.valueOf((Long) value);
        yield new BigDecimal(unscaled, scale);
      }
      case VARCHAR -> ((Slice) value).toStringUtf8();
      case TIMESTAMP -> (Long) value % MICROS_PER_MILLI == 0 ? (Long) value / MICROS_PER_MILLI : null;
      case TIME, VARBINARY, ARRAY -> null;
    });
  }
}
