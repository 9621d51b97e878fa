package io.xsql.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.spi.Column;
import io.xsql.spi.ColumnType;
import io.xsql.spi.TypeKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class JsonRecordParserTest {
  private static final List<Column> COLUMNS = List.of(Column.of("s", TypeKind.VARCHAR),
      Column.of("i", TypeKind.INTEGER), Column.of("d", TypeKind.DOUBLE), Column.of("b", TypeKind.BOOLEAN),
      Column.of("x", TypeKind.DECIMAL), Column.of("city", TypeKind.VARCHAR));

  private static Object[] parse(String json) {
    JsonPaths paths = JsonPaths.of(List.of(List.of("s"), List.of("i"), List.of("d"), List.of("b"),
        List.of("x"), List.of("a", "city")), List.of(0, 1, 2, 3, 4, 5));
    List<Column> columns = new java.util.ArrayList<>(COLUMNS);
    columns.set(4, new Column("x", ColumnType.decimal(10, 2), true));
    JsonRecordParser p = new JsonRecordParser(paths, columns, new BitSet(), false);
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    Object[] values = new Object[6];
    p.parseRecord(bytes, 0, bytes.length, values);
    return values;
  }

  @Test
  void readsNeededValuesAndSkipsTheRest() {
    assertThat(parse("{\"skip\": {\"deep\": [1, {\"x\": \"}\"}, null]}, \"s\": \"héllo \\\"q\\\" \\u00e9\\n\","
        + " \"i\": -42, \"d\": 187.72, \"b\": true, \"x\": 12.5, \"a\": {\"city\": \"Lyon\", \"zip\": 69}}"))
        .containsExactly("héllo \"q\" é\n", -42, 187.72, true, new BigDecimal("12.50"), "Lyon");
    assertThat(parse("  { }  ")).containsOnlyNulls();
    assertThat(parse("{\"a\": null, \"i\": 1}")).containsExactly(null, 1, null, null, null, null);
  }

  @Test
  void refusesDamagedJsonEvenWhereNoValueIsNeeded() {
    for (String bad : List.of("{\"s\": \"open}", "{\"skip\": tru}", "{\"skip\": [1, 2}", "{\"s\": 1} x",
        "{\"skip\": 01}", "{\"skip\": 1.}", "{skip: 1}", "[1]", "{\"s\": \"a\tb\"}", "{\"s\": \"\\q\"}",
        "{\"s\": \"\\u12\"}", "{\"i\": 1,}")) {
      assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(MalformedRecordException.class);
    }
  }

  @Test
  void valuesMustFitTheirColumns() {
    assertThatThrownBy(() -> parse("{\"i\": 3000000000}")).hasMessageContaining("column 'i': expected INTEGER");
    assertThatThrownBy(() -> parse("{\"i\": 1.5}")).hasMessageContaining("column 'i'");
    assertThatThrownBy(() -> parse("{\"b\": 1}")).hasMessageContaining("column 'b': expected BOOLEAN but got 1");
    assertThatThrownBy(() -> parse("{\"d\": 9007199254740993}")).hasMessageContaining("more digits than a DOUBLE");
    assertThatThrownBy(() -> parse("{\"a\": 5}")).hasMessageContaining("expected an object with nested columns");
    assertThat(parse("{\"s\": {\"k\": [1, 2]}}")[0]).isEqualTo("{\"k\":[1,2]}");
    // Only the white space between tokens goes; text in strings, escaped quotes included, stays.
    assertThat(parse("{\"s\": [ \"a b\" ,\n \"c\\\" d\" ]}")[0]).isEqualTo("[\"a b\",\"c\\\" d\"]");
    assertThat(parse("{\"d\": 2}")[2]).isEqualTo(2.0);
    assertThat(parse("{\"i\": 2147483647}")[1]).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void invalidUtf8InANeededStringFails() {
    byte[] bytes = {'{', '"', 's', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    JsonRecordParser p = new JsonRecordParser(JsonPaths.of(List.of(List.of("s")), List.of(0)), COLUMNS, new BitSet(), false);
    assertThatThrownBy(() -> p.parseRecord(bytes, 0, bytes.length, new Object[6]))
        .hasMessageContaining("not valid UTF-8");
  }

  @Test
  void doublesAreReadExactlyAsJavaReadsThem() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      String text = switch (i % 4) {
        case 0 -> String.format(Locale.ROOT, "%.2f", random.nextDouble() * 500);
        case 1 -> Long.toString(random.nextLong() % 1_000_000_000_000L);
        case 2 -> String.format(Locale.ROOT, "%.7f", (random.nextDouble() - 0.5) * 1e6);
        default -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
      };
      Object[] values = parse("{\"d\": " + text + "}");
      assertThat(values[2]).as(text).isEqualTo(Double.parseDouble(text));
    }
    assertThat(Arrays.asList(parse("{\"d\": -0.0}"))).contains(-0.0);
  }
}
