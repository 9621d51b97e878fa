package io.xsql.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class PrinterEscapingTest {

  @Test
  void csvQuotesDelimitersQuotesAndLineBreaksOnly() {
    assertThat(CsvPrinter.field("plain text")).isEqualTo("plain text");
    assertThat(CsvPrinter.field("a,b")).isEqualTo("\"a,b\"");
    assertThat(CsvPrinter.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(CsvPrinter.field("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(CsvPrinter.field("cr\rhere")).isEqualTo("\"cr\rhere\"");
    // An empty string is quoted so that it reads back as text, not as NULL.
    assertThat(CsvPrinter.field("")).isEqualTo("\"\"");
  }

  @Test
  void jsonEscapesQuotesBackslashesAndControlCharacters() {
    assertThat(JsonPrinter.quote("Zürich \"x\" \\ y")).isEqualTo("\"Zürich \\\"x\\\" \\\\ y\"");
    assertThat(JsonPrinter.quote("a\nb\tc\r\u0001")).isEqualTo("\"a\\nb\\tc\\r\\u0001\"");
  }
}
