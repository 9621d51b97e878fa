package io.xsql.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

final class PredicateTest {
  private static final Object[] ROW = {5, "b", null};

  private static boolean test(Predicate p) {
    return p.test(c -> ROW[c]);
  }

  @Test
  void comparesLikeSql() {
    assertThat(test(new Predicate.Compare(0, FilterOp.EQ, 5))).isTrue();
    assertThat(test(new Predicate.Compare(0, FilterOp.GT, 5))).isFalse();
    assertThat(test(new Predicate.Compare(1, FilterOp.LT, "c"))).isTrue();
    assertThat(test(new Predicate.Compare(0, FilterOp.NE, 4))).isTrue();
  }

  @Test
  void nullSatisfiesOnlyIsNull() {
    assertThat(test(new Predicate.Compare(2, FilterOp.NE, 1))).isFalse();
    assertThat(test(new Predicate.In(2, List.of(1)))).isFalse();
    assertThat(test(new Predicate.IsNull(2, false))).isTrue();
    assertThat(test(new Predicate.IsNull(2, true))).isFalse();
  }

  @Test
  void combinesAlternativesAndReportsColumns() {
    Predicate p = new Predicate.AnyOf(List.of(new Predicate.In(0, List.of(1, 2)),
        new Predicate.Compare(1, FilterOp.EQ, "b")));
    assertThat(test(p)).isTrue();
    assertThat(p.columns().stream().boxed().toList()).containsExactly(0, 1);
  }

  @Test
  void refusesToCompareDifferentClasses() {
    assertThatThrownBy(() -> test(new Predicate.Compare(0, FilterOp.EQ, 5L)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static boolean like(String value, String pattern) {
    return new Predicate.Like(0, pattern, Optional.of('!'), false).matches(value);
  }

  @Test
  void likeFollowsSql() {
    assertThat(like("Mia", "_ia")).isTrue();
    assertThat(like("mia", "M%")).isFalse();
    assertThat(like("line\nbreak", "line%break")).isTrue();
    assertThat(like("line\nbreak", "line_break")).isTrue();
    assertThat(like("50%", "50!%")).isTrue();
    assertThat(like("500", "50!%")).isFalse();
    assertThat(like("a_b", "a!_b")).isTrue();
    assertThat(like("axb", "a!_b")).isFalse();
    assertThat(like("a!b", "a!!b")).isTrue();
    assertThat(like("", "%")).isTrue();
    assertThat(like("", "_")).isFalse();
    assertThat(like("😀x", "_x")).as("one character, two UTF-16 units").isTrue();
    assertThat(like("abcabd", "%abd")).isTrue();
    assertThat(like("aaa", "%a%a%a%")).isTrue();
    assertThat(like("aa", "%a%a%a%")).isFalse();
    assertThat(new Predicate.Like(0, "x%", Optional.empty(), true).matches("xy")).isFalse();
    assertThat(new Predicate.Like(0, "x%", Optional.empty(), true).matches(null)).isFalse();
    assertThat(new Predicate.Like(0, "x%", Optional.empty(), false).matches(null)).isFalse();
  }

  @Test
  void likeAgreesWithARegularExpressionOnRandomText() {
    Random random = new Random(11);
    String alphabet = "ab%_";
    for (int i = 0; i < 20_000; i++) {
      String value = random(random, "ab", 8);
      String pattern = random(random, alphabet, 6);
      String regex = pattern.chars().mapToObj(c -> c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(
          String.valueOf((char) c))).reduce("", String::concat);
      assertThat(new Predicate.Like(0, pattern, Optional.empty(), false).matches(value))
          .as(value + " LIKE " + pattern).isEqualTo(Pattern.compile(regex, Pattern.DOTALL).matcher(value).matches());
    }
  }

  @Test
  void aBadEscapeIsRefused() {
    assertThat(Predicate.Like.isValid("a!b", Optional.of('!'))).isFalse();
    assertThat(Predicate.Like.isValid("a!", Optional.of('!'))).isFalse();
    assertThatThrownBy(() -> new Predicate.Like(0, "a!", Optional.of('!'), false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new Predicate.Like(3, "a", Optional.empty(), false).columns().stream().boxed().toList())
        .isEqualTo(List.of(3));
  }

  private static String random(Random random, String alphabet, int maxLength) {
    StringBuilder b = new StringBuilder();
    for (int n = random.nextInt(maxLength + 1); n > 0; n--) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }
}
