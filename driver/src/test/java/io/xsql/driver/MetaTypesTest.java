package io.xsql.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Types;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/** Column types as DatabaseMetaData describes them: plain names, pgjdbc's sizes, digits. */
final class MetaTypesTest {
  private final RelDataTypeFactory types = new JavaTypeFactoryImpl(XsqlTypeSystem.INSTANCE);

  private RelDataType type(SqlTypeName name, int... precisionScale) {
    RelDataType t = precisionScale.length == 0 ? types.createSqlType(name)
        : precisionScale.length == 1 ? types.createSqlType(name, precisionScale[0])
        : types.createSqlType(name, precisionScale[0], precisionScale[1]);
    return types.createTypeWithNullability(t, false);
  }

  @Test
  void namesArePlainWithoutNullabilityOrPrecision() {
    assertThat(MetaTypes.name(type(SqlTypeName.BIGINT))).isEqualTo("BIGINT");
    assertThat(MetaTypes.name(type(SqlTypeName.DECIMAL, 10, 2))).isEqualTo("DECIMAL");
    assertThat(MetaTypes.name(type(SqlTypeName.VARCHAR, 40))).isEqualTo("VARCHAR");
    assertThat(MetaTypes.name(types.createArrayType(type(SqlTypeName.DATE), -1))).isEqualTo("DATE ARRAY");
    assertThat(MetaTypes.jdbcType(type(SqlTypeName.DECIMAL, 10, 2))).isEqualTo(Types.DECIMAL);
  }

  @Test
  void sizesAreLengthsPrecisionsOrPgjdbcs() {
    assertThat(MetaTypes.size(type(SqlTypeName.VARCHAR, 40))).contains(40);
    assertThat(MetaTypes.size(type(SqlTypeName.VARCHAR))).contains(Integer.MAX_VALUE);
    assertThat(MetaTypes.size(type(SqlTypeName.DECIMAL, 10, 2))).contains(10);
    assertThat(MetaTypes.size(type(SqlTypeName.INTEGER))).contains(10);
    assertThat(MetaTypes.size(type(SqlTypeName.BIGINT))).contains(19);
    assertThat(MetaTypes.size(type(SqlTypeName.TIMESTAMP, 3))).contains(29);
    assertThat(MetaTypes.size(type(SqlTypeName.DATE))).contains(13);
    assertThat(MetaTypes.size(types.createArrayType(type(SqlTypeName.INTEGER), -1))).isEmpty();
    assertThat(MetaTypes.digits(type(SqlTypeName.DECIMAL, 10, 2))).contains(2);
    assertThat(MetaTypes.digits(type(SqlTypeName.TIMESTAMP, 3))).contains(3);
    assertThat(MetaTypes.digits(type(SqlTypeName.VARCHAR, 40))).isEmpty();
  }

  @Test
  void typeInfoIsOrderedByDataTypeAndHoldsNoInternalTypes() {
    assertThat(MetaTypes.typeInfo()).extracting(r -> (int) r[1]).isSorted();
    assertThat(MetaTypes.typeInfo()).extracting(r -> (String) r[0]).doesNotContain("UTINYINT", "CURSOR",
        "COLUMN_LIST", "SYMBOL", "SARG").contains("BOOLEAN", "VARBINARY", "ARRAY");
    assertThat(MetaTypes.typeInfo()).allSatisfy(r -> assertThat(r).hasSize(MetaTypes.TYPE_INFO.names().size()));
  }
}
