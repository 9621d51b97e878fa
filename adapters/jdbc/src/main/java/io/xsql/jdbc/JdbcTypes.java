package io.xsql.jdbc;

import io.xsql.spi.Column;
import io.xsql.spi.ColumnType;
import io.xsql.spi.TypeKind;
import java.sql.Types;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Maps database column types to xsql's. Types without an SQL counterpart (uuid, json, enums, intervals,
 * network addresses) read as VARCHAR in the database's own text form; unsigned integers widen so that no
 * value overflows.
 */
final class JdbcTypes {
  /** Digits after the point for a NUMERIC declared without them: its values keep their own. */
  static final int UNCONSTRAINED_SCALE = 10;
  private static final int MAX_PRECISION = 38;
  /** PostgreSQL array types by element type name, for arrays of the element types xsql has. */
  private static final Map<String, SqlTypeName> PG_ARRAY_ELEMENTS = Map.ofEntries(
      Map.entry("_int2", SqlTypeName.SMALLINT), Map.entry("_int4", SqlTypeName.INTEGER),
      Map.entry("_int8", SqlTypeName.BIGINT), Map.entry("_float4", SqlTypeName.REAL),
      Map.entry("_float8", SqlTypeName.DOUBLE), Map.entry("_bool", SqlTypeName.BOOLEAN),
      Map.entry("_text", SqlTypeName.VARCHAR), Map.entry("_varchar", SqlTypeName.VARCHAR));

  private JdbcTypes() {}

  /** A table's row type. */
  static RelProtoDataType rowType(List<JdbcColumn> columns) {
    return factory -> {
      RelDataTypeFactory.Builder b = factory.builder();
      for (JdbcColumn c : columns) {
        b.add(c.name(), factory.createTypeWithNullability(type(factory, c), c.nullable()));
      }
      return b.build();
    };
  }

  /** One column's type. */
  static RelDataType type(RelDataTypeFactory f, JdbcColumn c) {
    boolean unsigned = c.typeName().toUpperCase(Locale.ROOT).contains("UNSIGNED");
    return switch (c.jdbcType()) {
      case Types.BIT -> c.size() <= 1 ? f.createSqlType(SqlTypeName.BOOLEAN) : varbinary(f);
      case Types.BOOLEAN -> f.createSqlType(SqlTypeName.BOOLEAN);
      case Types.TINYINT -> f.createSqlType(unsigned ? SqlTypeName.SMALLINT : SqlTypeName.TINYINT);
      case Types.SMALLINT -> f.createSqlType(unsigned ? SqlTypeName.INTEGER : SqlTypeName.SMALLINT);
      case Types.INTEGER -> f.createSqlType(unsigned ? SqlTypeName.BIGINT : SqlTypeName.INTEGER);
      case Types.BIGINT -> unsigned ? f.createSqlType(SqlTypeName.DECIMAL, 20, 0)
          : f.createSqlType(SqlTypeName.BIGINT);
      case Types.REAL -> f.createSqlType(SqlTypeName.REAL);
      case Types.FLOAT, Types.DOUBLE -> f.createSqlType(SqlTypeName.DOUBLE);
      case Types.NUMERIC, Types.DECIMAL -> decimal(f, c);
      case Types.CHAR, Types.NCHAR -> c.size() > 0 && c.size() <= 65_535
          ? f.createSqlType(SqlTypeName.CHAR, c.size()) : varchar(f);
      case Types.DATE -> f.createSqlType(SqlTypeName.DATE);
      case Types.TIME, Types.TIME_WITH_TIMEZONE -> f.createSqlType(SqlTypeName.TIME, 3);
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> f.createSqlType(SqlTypeName.TIMESTAMP, 3);
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> varbinary(f);
      case Types.ARRAY -> array(f, c).orElseGet(() -> varchar(f));
      case Types.VARCHAR, Types.NVARCHAR -> c.size() > 0 && c.size() <= 65_535
          ? f.createSqlType(SqlTypeName.VARCHAR, c.size()) : varchar(f);
      default -> varchar(f);
    };
  }

  /**
   * A row type's fields as xsql columns. TINYINT and SMALLINT count as INTEGER; arrays and the types the
   * spi has no kind for, as VARCHAR.
   */
  static List<Column> columns(RelDataType rowType) {
    return rowType.getFieldList().stream()
        .map(f -> new Column(f.getName(), columnType(f.getType()), f.getType().isNullable())).toList();
  }

  private static ColumnType columnType(RelDataType type) {
    return switch (type.getSqlTypeName()) {
      case BOOLEAN -> ColumnType.of(TypeKind.BOOLEAN);
      case TINYINT, SMALLINT, INTEGER -> ColumnType.of(TypeKind.INTEGER);
      case BIGINT -> ColumnType.of(TypeKind.BIGINT);
      case DECIMAL -> ColumnType.decimal(type.getPrecision(), type.getScale());
      case REAL, FLOAT, DOUBLE -> ColumnType.of(TypeKind.DOUBLE);
      case DATE -> ColumnType.of(TypeKind.DATE);
      case TIME -> ColumnType.of(TypeKind.TIME);
      case TIMESTAMP -> ColumnType.of(TypeKind.TIMESTAMP);
      case BINARY, VARBINARY -> ColumnType.of(TypeKind.VARBINARY);
      default -> ColumnType.of(TypeKind.VARCHAR);
    };
  }

  private static RelDataType decimal(RelDataTypeFactory f, JdbcColumn c) {
    if (c.size() <= 0 || c.size() > MAX_PRECISION) {
      return f.createSqlType(SqlTypeName.DECIMAL, MAX_PRECISION, UNCONSTRAINED_SCALE);
    }
    return f.createSqlType(SqlTypeName.DECIMAL, c.size(), Math.max(0, c.digits()));
  }

  private static Optional<RelDataType> array(RelDataTypeFactory f, JdbcColumn c) {
    return Optional.ofNullable(PG_ARRAY_ELEMENTS.get(c.typeName().toLowerCase(Locale.ROOT)))
        .map(element -> f.createArrayType(
            f.createTypeWithNullability(f.createSqlType(element), true), -1));
  }

  private static RelDataType varchar(RelDataTypeFactory f) {
    return f.createSqlType(SqlTypeName.VARCHAR);
  }

  private static RelDataType varbinary(RelDataTypeFactory f) {
    return f.createSqlType(SqlTypeName.VARBINARY);
  }
}
