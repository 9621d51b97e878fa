package io.xsql.driver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** DatabaseMetaData's search patterns: {@code %}, {@code _} and the escape, matched exactly otherwise. */
final class MetaPatternTest {

  @Test
  void percentIsAnyRunUnderscoreOneCharacter() {
    assertThat(MetaPattern.of("%").matches("anything")).isTrue();
    assertThat(MetaPattern.of(null).matches("anything")).isTrue();
    assertThat(MetaPattern.of("crm%").matches("crm.sales")).isTrue();
    assertThat(MetaPattern.of("a_b").matches("axb")).isTrue();
    assertThat(MetaPattern.of("a_b").matches("ab")).isFalse();
    assertThat(MetaPattern.of("%s").matches("orders")).isTrue();
  }

  @Test
  void theEscapeMakesWildcardsLiteralAndOtherCharactersAreExact() {
    assertThat(MetaPattern.of("a\\_b").matches("a_b")).isTrue();
    assertThat(MetaPattern.of("a\\_b").matches("axb")).isFalse();
    assertThat(MetaPattern.of("100\\%").matches("100%")).isTrue();
    assertThat(MetaPattern.of("100\\%").matches("1000")).isFalse();
    assertThat(MetaPattern.of("crm.sales").matches("crmxsales")).isFalse();
    assertThat(MetaPattern.of("[a]*").matches("[a]*")).isTrue();
    assertThat(MetaPattern.of("Orders").matches("orders")).isFalse();
  }
}
