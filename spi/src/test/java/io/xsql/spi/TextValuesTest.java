package io.xsql.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

final class TextValuesTest {

  @Test
  void infersTheNarrowestKind() {
    assertThat(TextValues.kindOfText("42")).isEqualTo(TypeKind.INTEGER);
    assertThat(TextValues.kindOfText("-3000000000")).isEqualTo(TypeKind.BIGINT);
    assertThat(TextValues.kindOfText("123456789012345678901234")).isEqualTo(TypeKind.DECIMAL);
    assertThat(TextValues.kindOfText("4.5")).isEqualTo(TypeKind.DOUBLE);
    assertThat(TextValues.kindOfText("1e10")).isEqualTo(TypeKind.DOUBLE);
    assertThat(TextValues.kindOfText("TRUE")).isEqualTo(TypeKind.BOOLEAN);
    assertThat(TextValues.kindOfText("2024-02-29")).isEqualTo(TypeKind.DATE);
    assertThat(TextValues.kindOfText("2024-02-29T10:15:00Z")).isEqualTo(TypeKind.TIMESTAMP);
    assertThat(TextValues.kindOfText("2024-02-30")).isEqualTo(TypeKind.VARCHAR);
    assertThat(TextValues.kindOfText("00501")).as("zip codes keep their zeros").isEqualTo(TypeKind.VARCHAR);
    assertThat(TextValues.kindOfText("12a")).isEqualTo(TypeKind.VARCHAR);
  }

  @Test
  void parsesIntoTheEngineRepresentation() {
    assertThat(TextValues.parse(" 7 ", ColumnType.of(TypeKind.INTEGER), true)).isEqualTo(7);
    assertThat(TextValues.parse("2024-02-29", ColumnType.of(TypeKind.DATE), false))
        .isEqualTo((int) LocalDate.of(2024, 2, 29).toEpochDay());
    assertThat(TextValues.parse("1970-01-01 00:00:01.5", ColumnType.of(TypeKind.TIMESTAMP), false))
        .isEqualTo(1500L);
    assertThat(TextValues.parse("1970-01-01T02:00:00+02:00", ColumnType.of(TypeKind.TIMESTAMP), false))
        .isEqualTo(0L);
    assertThat(TextValues.parse("yes", ColumnType.of(TypeKind.BOOLEAN), true)).isEqualTo(true);
    assertThat(TextValues.parse("12.345", ColumnType.decimal(10, 2), true)).isEqualTo(new BigDecimal("12.35"));
  }

  @Test
  void utcTimestampsReadByHandAsTheFormatterReadsThem() {
    ColumnType ts = ColumnType.of(TypeKind.TIMESTAMP);
    for (String text : List.of("2026-01-01T00:00:00Z", "2026-01-01 00:00:00.5Z", "2024-02-29T23:59:59.123456789Z",
        "1969-12-31T23:59:59.5Z", "0001-01-01T00:00:00.001Z", "2026-01-01T10:15:30.12Z")) {
      assertThat(TextValues.parse(text, ts, false)).as(text)
          .isEqualTo(java.time.Instant.parse(text.replace(' ', 'T')).toEpochMilli());
    }
    // Shapes the hand-read path leaves to the formatter, which reads or refuses them as before.
    assertThat(TextValues.parse("2026-01-01T00:00Z", ts, false)).isEqualTo(1767225600000L);
    assertThat(TextValues.parse("2026-01-01T01:00:00+01:00", ts, false)).isEqualTo(1767225600000L);
    // The formatter resolves a day past the month's end to its last day, and 24:00 to the next midnight: that
    // too stays as it was.
    assertThat(TextValues.parse("2026-02-30T00:00:00Z", ts, false)).isEqualTo(java.time.Instant.parse(
        "2026-02-28T00:00:00Z").toEpochMilli());
    assertThat(TextValues.parse("2026-01-01T24:00:00Z", ts, false)).isEqualTo(java.time.Instant.parse(
        "2026-01-02T00:00:00Z").toEpochMilli());
    for (String bad : List.of("2026-13-01T00:00:00Z", "2026-01-01T00:00:00.1234567891Z", "2026-0a-01T00:00:00Z")) {
      assertThatThrownBy(() -> TextValues.parse(bad, ts, false)).as(bad)
          .hasMessageStartingWith("expected TIMESTAMP but got '" + bad.substring(0, Math.min(bad.length(), 40)));
    }
  }

  @Test
  void inferredTypesReadOnlyWhatInferenceWouldHaveAccepted() {
    ColumnType integer = ColumnType.of(TypeKind.INTEGER);
    assertThat(TextValues.parse("01234", integer, true)).as("pinned: read as a number").isEqualTo(1234);
    assertThatThrownBy(() -> TextValues.parse("01234", integer, false)).as("inferred: a zip code stays whole")
        .hasMessageStartingWith("expected INTEGER but got '01234'");
    assertThatThrownBy(() -> TextValues.parse("12.345", ColumnType.decimal(38, 2), false))
        .hasMessageContaining("more than 2 digits after the point");
    assertThatThrownBy(() -> TextValues.parse("9007199254740993", ColumnType.of(TypeKind.DOUBLE), false))
        .hasMessageContaining("more digits than a DOUBLE holds");
    assertThat(TextValues.parse("9007199254740992", ColumnType.of(TypeKind.DOUBLE), false)).isEqualTo(0x1p53);
  }

  @Test
  void lengthsAndPrecisionsAreEnforced() {
    assertThatThrownBy(() -> TextValues.parse("abcd", new ColumnType(TypeKind.VARCHAR, 3, -1), true))
        .hasMessageContaining("does not fit VARCHAR(3)");
    assertThat(TextValues.parse("1.5", ColumnType.parse("DECIMAL(10)").orElseThrow(), true))
        .isEqualTo(new BigDecimal("2"));
  }

  @Test
  void badTextFailsNamingTheTypeAndTheText() {
    assertThatThrownBy(() -> TextValues.parse("abc", ColumnType.of(TypeKind.INTEGER), true))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("expected INTEGER but got 'abc'");
    assertThatThrownBy(() -> TextValues.parse("3000000000", ColumnType.of(TypeKind.INTEGER), true))
        .hasMessageContaining("expected INTEGER");
    assertThatThrownBy(() -> TextValues.parse("123456.7", ColumnType.decimal(5, 2), true))
        .hasMessageContaining("does not fit DECIMAL(5,2)");
    assertThatThrownBy(() -> TextValues.parse("[\"a\"]", ColumnType.array(ColumnType.of(TypeKind.VARCHAR)), true))
        .hasMessage("expected VARCHAR ARRAY but got '[\"a\"]' (arrays are not read from text)");
  }
}
