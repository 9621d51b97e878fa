package io.xsql.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class CsvTokenizerTest {
  private static final CsvOptions STANDARD = new CsvOptions(',', Optional.of('"'), '"', true, Optional.empty(),
      Optional.empty(), StandardCharsets.UTF_8);

  private static CsvTokenizer tokenizer(String text, CsvOptions options) {
    return new CsvTokenizer(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), options,
        StandardCharsets.UTF_8);
  }

  /** Each record as "line:field|field", quoted fields marked with a star. */
  private static List<String> records(String text, CsvOptions options) {
    CsvTokenizer t = tokenizer(text, options);
    List<String> out = new ArrayList<>();
    while (t.next()) {
      StringBuilder b = new StringBuilder().append(t.line()).append(':');
      for (int i = 0; i < t.size(); i++) {
        b.append(i > 0 ? "|" : "").append(t.field(i)).append(t.quoted(i) ? "*" : "");
      }
      out.add(b.toString());
    }
    return out;
  }

  @Test
  void splitsFieldsAndHonoursQuotes() {
    assertThat(records("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n", STANDARD))
        .containsExactly("1:a|b|c", "2:1|x, y*|say \"hi\"*");
  }

  @Test
  void tellsEmptyFromQuotedEmpty() {
    assertThat(records("a,,\"\"\n", STANDARD)).containsExactly("1:a||*");
  }

  @Test
  void quotedLineBreaksKeepLineNumbersRight() {
    assertThat(records("h\n\"one\ntwo\"\nnext\r\nlast", STANDARD))
        .containsExactly("1:h", "2:one\ntwo*", "4:next", "5:last");
  }

  @Test
  void skipsBlankAndCommentLines() {
    CsvOptions comments = new CsvOptions(';', Optional.of('\''), '\\', true, Optional.empty(), Optional.of('#'),
        StandardCharsets.UTF_8);
    assertThat(records("# header comment\n\na;'b\\'c'\n#x\nd;e\n", comments))
        .containsExactly("3:a|b'c*", "5:d|e");
  }

  @Test
  void anUnclosedQuoteFailsNamingWhereItOpened() {
    assertThatThrownBy(() -> records("a\n\"open\nnever closed\n", STANDARD))
        .isInstanceOf(MalformedRecordException.class).hasMessageContaining("opened on line 2")
        .satisfies(e -> assertThat(((MalformedRecordException) e).recoverable()).isFalse());
  }

  @Test
  void textAfterAClosingQuoteIsMalformedAndTheNextRecordStillReads() {
    CsvTokenizer t = tokenizer("\"a\"b,c\nd,e\n", STANDARD);
    assertThatThrownBy(t::next).isInstanceOf(MalformedRecordException.class)
        .hasMessage("text after a closing quote");
    assertThat(t.next()).isTrue();
    assertThat(t.field(0) + t.field(1)).isEqualTo("de");
  }

  @Test
  void withoutQuotingAQuoteIsData() {
    CsvOptions tsv = new CsvOptions('\t', Optional.empty(), '"', true, Optional.empty(), Optional.empty(),
        StandardCharsets.UTF_8);
    assertThat(records("1\t\"Great\" product\n", tsv)).containsExactly("1:1|\"Great\" product");
  }

  @Test
  void readsRecordsLongerThanTheBuffer() {
    String big = "x".repeat(200_000);
    assertThat(records("\"" + big + "\",1\n", STANDARD)).containsExactly("1:" + big + "*|1");
  }
}
