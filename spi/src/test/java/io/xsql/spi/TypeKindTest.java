package io.xsql.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

final class TypeKindTest {

  @Test
  void widensConflictingKinds() {
    assertThat(TypeKind.widen(TypeKind.INTEGER, TypeKind.BIGINT)).isEqualTo(TypeKind.BIGINT);
    assertThat(TypeKind.widen(TypeKind.INTEGER, TypeKind.DOUBLE)).isEqualTo(TypeKind.DOUBLE);
    assertThat(TypeKind.widen(TypeKind.BIGINT, TypeKind.DECIMAL)).isEqualTo(TypeKind.DECIMAL);
    assertThat(TypeKind.widen(TypeKind.DECIMAL, TypeKind.DOUBLE)).isEqualTo(TypeKind.DOUBLE);
    assertThat(TypeKind.widen(TypeKind.DATE, TypeKind.TIMESTAMP)).isEqualTo(TypeKind.TIMESTAMP);
    assertThat(TypeKind.widen(TypeKind.INTEGER, TypeKind.VARCHAR)).isEqualTo(TypeKind.VARCHAR);
    assertThat(TypeKind.widen(TypeKind.BOOLEAN, TypeKind.INTEGER)).isEqualTo(TypeKind.VARCHAR);
    assertThat(TypeKind.widen(TypeKind.ARRAY, TypeKind.ARRAY)).isEqualTo(TypeKind.ARRAY);
    assertThat(TypeKind.widen(TypeKind.ARRAY, TypeKind.VARCHAR)).isEqualTo(TypeKind.VARCHAR);
    assertThat(TypeKind.widen(TypeKind.INTEGER, TypeKind.ARRAY)).isEqualTo(TypeKind.VARCHAR);
  }

  @Test
  void valuesFitTheirDeclaredType() {
    ColumnType money = ColumnType.decimal(6, 2);
    assertThat(money.fit(new BigDecimal("1.005"), true)).isEqualTo(new BigDecimal("1.01"));
    assertThat(money.fit(new BigDecimal("1.5"), false)).isEqualTo(new BigDecimal("1.50"));
    assertThatThrownBy(() -> money.fit(new BigDecimal("1.005"), false))
        .hasMessage("1.005 has more than 2 digits after the point of DECIMAL(6,2)");
    assertThatThrownBy(() -> money.fit(new BigDecimal("12345.6"), true)).hasMessage("12345.6 does not fit DECIMAL(6,2)");
    assertThat(new ColumnType(TypeKind.VARCHAR, 2, -1).fit("東京", false)).isEqualTo("東京");
    assertThatThrownBy(() -> new ColumnType(TypeKind.VARCHAR, 2, -1).fit("abc", true))
        .hasMessageContaining("does not fit VARCHAR(2)");
  }
}
