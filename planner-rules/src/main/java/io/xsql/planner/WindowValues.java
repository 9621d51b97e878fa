package io.xsql.planner;

import java.math.BigDecimal;
import java.util.Optional;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.type.SqlTypeFamily;

/** Values a streaming window computes, in the Java classes Calcite's generated code expects of SQL types. */
final class WindowValues {
  private WindowValues() {}

  /** The Java class of a numeric SQL type's values, {@code Object} for the others (passed through). */
  static Class<?> javaClass(RelDataType type) {
    return switch (type.getSqlTypeName()) {
      case TINYINT -> Byte.class;
      case SMALLINT -> Short.class;
      case INTEGER -> Integer.class;
      case BIGINT -> Long.class;
      case DECIMAL -> BigDecimal.class;
      case REAL -> Float.class;
      case FLOAT, DOUBLE -> Double.class;
      default -> Object.class;
    };
  }

  /** A whole number as {@code target}, wrapping as Java's narrowing does (so does Calcite's own sum). */
  static Object whole(long value, Class<?> target) {
    if (target == Integer.class) {
      return (int) value;
    }
    if (target == Short.class) {
      return (short) value;
    }
    if (target == Byte.class) {
      return (byte) value;
    }
    if (target == BigDecimal.class) {
      return BigDecimal.valueOf(value);
    }
    if (target == Double.class) {
      return (double) value;
    }
    return value;
  }

  /** A constant's value; {@code value} is null for SQL's NULL. */
  record Constant(Object value) {}

  /** A literal as a value of {@code type}: numbers and text, else nothing (the window is not streamed). */
  static Optional<Constant> constant(RexLiteral literal, RelDataType type) {
    if (literal.isNull()) {
      return Optional.of(new Constant(null));
    }
    Class<?> target = javaClass(type);
    if (target != Object.class && SqlTypeFamily.NUMERIC.contains(literal.getType())) {
      BigDecimal value = literal.getValueAs(BigDecimal.class);
      return Optional.ofNullable(value).map(v -> new Constant(number(v, target)));
    }
    if (SqlTypeFamily.CHARACTER.contains(type)) {
      return Optional.ofNullable(literal.getValueAs(String.class)).map(Constant::new);
    }
    return Optional.empty();
  }

  private static Object number(BigDecimal value, Class<?> target) {
    if (target == BigDecimal.class) {
      return value;
    }
    if (target == Double.class) {
      return value.doubleValue();
    }
    if (target == Float.class) {
      return value.floatValue();
    }
    return whole(value.longValue(), target);
  }
}
