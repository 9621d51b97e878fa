package io.xsql.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class LineReaderTest {

  private static List<String> lines(String text) {
    LineReader r = new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    List<String> out = new ArrayList<>();
    while (r.next()) {
      out.add(r.line() + ":" + new String(r.buffer(), r.start(), r.length(), StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void splitsOnLineBreaksDroppingCarriageReturns() {
    assertThat(lines("a\r\nb\n\nc")).containsExactly("1:a", "2:b", "3:", "4:c");
  }

  @Test
  void anEmptyInputHasNoLines() {
    assertThat(lines("")).isEmpty();
  }

  @Test
  void linesLongerThanTheBufferGrowIt() {
    String longLine = "é".repeat(100_000);
    assertThat(lines("x\n" + longLine + "\ny\n")).containsExactly("1:x", "2:" + longLine, "3:y");
  }
}
