package io.xsql.planner;

import io.xsql.spi.Column;
import io.xsql.spi.ColumnType;
import io.xsql.spi.DataTable;
import io.xsql.spi.TypeKind;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/** Maps spi column types to Calcite types. */
final class XsqlTypes {
  private XsqlTypes() {}

  /**
   * The Calcite row type of a table's columns. Names are matched case-insensitively, so a column whose
   * name differs from an earlier one only in case gets a suffix ({@code name_2}); otherwise neither could
   * be selected by name.
   */
  static RelDataType rowType(RelDataTypeFactory factory, List<Column> columns) {
    RelDataTypeFactory.Builder b = factory.builder();
    Set<String> seen = new HashSet<>();
    for (Column c : columns) {
      String name = c.name();
      for (int n = 2; !seen.add(name.toLowerCase(Locale.ROOT)); n++) {
        name = c.name() + "_" + n;
      }
      b.add(name, factory.createTypeWithNullability(sqlType(factory, c.type()), c.nullable()));
    }
    return b.build();
  }

  static RelDataType sqlType(RelDataTypeFactory factory, ColumnType type) {
    if (type.kind() == TypeKind.ARRAY) {
      // Any element may be NULL: sources hand over lists as they find them.
      RelDataType element = factory.createTypeWithNullability(sqlType(factory, type.element().get()), true);
      return factory.createArrayType(element, -1);
    }
    SqlTypeName name = sqlTypeName(type.kind());
    if (type.kind() == TypeKind.TIMESTAMP || type.kind() == TypeKind.TIME) {
      // Values carry milliseconds; a declared precision of 0 would drop them from text output.
      return factory.createSqlType(name, 3);
    }
    if (type.kind() == TypeKind.DECIMAL) {
      // A DECIMAL without precision (a hand-written source's choice) takes the widest precision the type
      // system allows, with half of it after the point.
      int precision = type.precision() == ColumnType.UNSPECIFIED
          ? factory.getTypeSystem().getMaxNumericPrecision() : type.precision();
      int scale = type.scale() == ColumnType.UNSPECIFIED
          ? (type.precision() == ColumnType.UNSPECIFIED ? precision / 2 : 0) : type.scale();
      return factory.createSqlType(name, precision, scale);
    }
    if (type.precision() != ColumnType.UNSPECIFIED) {
      return factory.createSqlType(name, type.precision());
    }
    return factory.createSqlType(name);
  }

  /**
   * Whether a table column holds arrays, which only the engine compares, orders and groups: a source is
   * never asked to filter, sort or aggregate on one (MongoDB matches an array by any of its elements).
   */
  static boolean isArray(DataTable table, int column) {
    return table.columns().get(column).type().kind() == TypeKind.ARRAY;
  }

  static SqlTypeName sqlTypeName(TypeKind kind) {
    return switch (kind) {
      case BOOLEAN -> SqlTypeName.BOOLEAN;
      case INTEGER -> SqlTypeName.INTEGER;
      case BIGINT -> SqlTypeName.BIGINT;
      case DOUBLE -> SqlTypeName.DOUBLE;
      case DECIMAL -> SqlTypeName.DECIMAL;
      case VARCHAR -> SqlTypeName.VARCHAR;
      case DATE -> SqlTypeName.DATE;
      case TIME -> SqlTypeName.TIME;
      case TIMESTAMP -> SqlTypeName.TIMESTAMP;
      case VARBINARY -> SqlTypeName.VARBINARY;
      case ARRAY -> SqlTypeName.ARRAY;
    };
  }
}
