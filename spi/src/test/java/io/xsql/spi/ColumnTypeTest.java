package io.xsql.spi;

import static org.assertj.core.api.Assertions.assertThat;

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
  }
}
