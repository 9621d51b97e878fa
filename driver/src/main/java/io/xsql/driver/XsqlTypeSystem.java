package io.xsql.driver;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type system with PostgreSQL's aggregate types, so that results are what users of the
 * sources expect: DECIMAL as wide as theirs (38 digits), {@code SUM} of INTEGER as BIGINT instead
 * of overflowing, {@code AVG} of integers with a fraction instead of truncated, and strings of different
 * lengths meeting in a CASE or UNION as VARCHAR instead of blank-padded CHAR.
 */
public final class XsqlTypeSystem extends RelDataTypeSystemImpl {
  /** The instance Calcite's {@code typeSystem} property finds. */
  public static final XsqlTypeSystem INSTANCE = new XsqlTypeSystem();

  private static final int MAX_PRECISION = 38;
  /** Digits after the point of an average, at least (PostgreSQL shows more, MySQL four). */
  private static final int AVG_SCALE = 6;

  /** {@code CASE WHEN .. THEN 'mid' ELSE 'low' END} is text, not a CHAR padded with blanks. */
  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? MAX_PRECISION : super.getMaxPrecision(typeName);
  }

  @Override
  public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    // BIGINT sums stay BIGINT: Calcite's SUM cannot accumulate into a wider DECIMAL.
    return switch (argumentType.getSqlTypeName()) {
      case TINYINT, SMALLINT, INTEGER -> typeFactory.createTypeWithNullability(
          typeFactory.createSqlType(SqlTypeName.BIGINT), argumentType.isNullable());
      default -> super.deriveSumType(typeFactory, argumentType);
    };
  }

  @Override
  public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    RelDataType avg = switch (argumentType.getSqlTypeName()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT ->
          typeFactory.createSqlType(SqlTypeName.DECIMAL, MAX_PRECISION, AVG_SCALE);
      case DECIMAL -> typeFactory.createSqlType(SqlTypeName.DECIMAL, MAX_PRECISION,
          Math.max(argumentType.getScale(), AVG_SCALE));
      default -> null;
    };
    return avg == null ? super.deriveAvgAggType(typeFactory, argumentType)
        : typeFactory.createTypeWithNullability(avg, argumentType.isNullable());
  }
}
