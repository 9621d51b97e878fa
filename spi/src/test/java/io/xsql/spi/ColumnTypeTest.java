package io.xsql.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class ColumnTypeTest {

  @Test
  void parsesTypesAndSynonymsAsCatalogsWriteThem() {
    assertThat(ColumnType.parse("INTEGER")).contains(ColumnType.of(TypeKind.INTEGER));
    assertThat(ColumnType.parse(" int ")).contains(ColumnType.of(TypeKind.INTEGER));
    assertThat(ColumnType.parse("text")).contains(ColumnType.of(TypeKind.VARCHAR));
    assertThat(ColumnType.parse("varchar(20)")).contains(new ColumnType(TypeKind.VARCHAR, 20, -1));
    assertThat(ColumnType.parse("DECIMAL(10, 2)")).contains(ColumnType.decimal(10, 2));
    assertThat(ColumnType.parse("numeric(12)")).contains(ColumnType.decimal(12, 0));
    assertThat(ColumnType.parse("double precision")).contains(ColumnType.of(TypeKind.DOUBLE));
    assertThat(ColumnType.parse("datetime")).contains(ColumnType.of(TypeKind.TIMESTAMP));
  }

  @Test
  void parsesArraysAsSqlAndPostgresqlWriteThem() {
    assertThat(ColumnType.parse("VARCHAR ARRAY")).contains(ColumnType.array(ColumnType.of(TypeKind.VARCHAR)));
    assertThat(ColumnType.parse(" integer  array ")).contains(ColumnType.array(ColumnType.of(TypeKind.INTEGER)));
    assertThat(ColumnType.parse("DECIMAL(10,2) ARRAY")).contains(ColumnType.array(ColumnType.decimal(10, 2)));
    assertThat(ColumnType.parse("text[]")).contains(ColumnType.array(ColumnType.of(TypeKind.VARCHAR)));
    assertThat(ColumnType.parse("ARRAY")).isEmpty();
    assertThat(ColumnType.parse("VARCHARARRAY")).isEmpty();
    assertThat(ColumnType.parse("INTEGER ARRAY ARRAY")).isEmpty();
  }

  @Test
  void arraysNeedOneScalarElementType() {
    assertThatThrownBy(() -> ColumnType.of(TypeKind.ARRAY)).hasMessage("ARRAY needs an element type");
    assertThatThrownBy(() -> ColumnType.array(ColumnType.array(ColumnType.of(TypeKind.INTEGER))))
        .hasMessage("arrays of arrays are not supported");
    assertThatThrownBy(() -> new ColumnType(TypeKind.VARCHAR, -1, -1, Optional.of(ColumnType.of(TypeKind.DATE))))
        .hasMessage("VARCHAR takes no element type");
  }

  @Test
  void widensArraysByTheirElements() {
    ColumnType ints = ColumnType.array(ColumnType.of(TypeKind.INTEGER));
    assertThat(ColumnType.widen(ints, ints)).isEqualTo(ints);
    assertThat(ColumnType.widen(ints, ColumnType.array(ColumnType.of(TypeKind.BIGINT))))
        .isEqualTo(ColumnType.array(ColumnType.of(TypeKind.BIGINT)));
    assertThat(ColumnType.widen(ints, ColumnType.array(ColumnType.of(TypeKind.VARCHAR))))
        .isEqualTo(ColumnType.array(ColumnType.of(TypeKind.VARCHAR)));
    assertThat(ColumnType.widen(ints, ColumnType.of(TypeKind.INTEGER))).isEqualTo(ColumnType.of(TypeKind.VARCHAR));
    assertThat(ColumnType.widen(ColumnType.decimal(10, 2), ColumnType.decimal(12, 2)))
        .isEqualTo(ColumnType.of(TypeKind.DECIMAL));
  }

  @Test
  void fitsEveryElementOfAnArray() {
    ColumnType money = ColumnType.array(ColumnType.decimal(6, 2));
    assertThat(money.fit(Arrays.asList(new BigDecimal("1.5"), null), false))
        .isEqualTo(Arrays.asList(new BigDecimal("1.50"), null));
    assertThatThrownBy(() -> money.fit(List.of(new BigDecimal("12345.6")), true))
        .hasMessage("12345.6 does not fit DECIMAL(6,2)");
  }

  @Test
  void rejectsUnknownNamesAndMisplacedPrecision() {
    assertThat(ColumnType.parse("INTEGR")).isEmpty();
    assertThat(ColumnType.parse("INTEGER(3)")).isEmpty();
    assertThat(ColumnType.parse("VARCHAR(3,1)")).isEmpty();
    assertThat(ColumnType.parse("")).isEmpty();
  }

  @Test
  void printsAsParsed() {
    assertThat(ColumnType.decimal(10, 2)).hasToString("DECIMAL(10,2)");
    assertThat(ColumnType.of(TypeKind.DATE)).hasToString("DATE");
    assertThat(ColumnType.array(ColumnType.of(TypeKind.VARCHAR))).hasToString("VARCHAR ARRAY");
    assertThat(ColumnType.array(ColumnType.decimal(10, 2))).hasToString("DECIMAL(10,2) ARRAY");
  }
}
