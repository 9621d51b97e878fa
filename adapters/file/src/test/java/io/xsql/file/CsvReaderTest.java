package io.xsql.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.file.FileSources.RecordingContext;
import io.xsql.spi.ColumnType;
import io.xsql.spi.DataTable;
import io.xsql.spi.TypeKind;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CsvReaderTest {
  @TempDir
  Path dir;

  /** Text of every shape a value can take, the fast paths' edges among them. */
  private static final List<String> TEXTS = List.of("0", "-0", "7", "+7", "007", "-12", "2147483647",
      "2147483648", "-2147483649", "9223372036854775807", "123456789012345678", "1234567890123456789",
      "1.5", "-0.25", ".5", "5.", "1e10", "123456789012345", "1234567890123456", "0.1234567890123456",
      "3.141592653589793", "true", "false", "TRUE", "yes", "2024-02-29", "2023-02-29", "2024-13-01", "0001-01-01",
      "2024-1-01", "2020-01-01T08:30:00", "2020-01-01 08:30", " 5", "5 ", "abc", "é");

  @Test
  void valuesReadFromBytesEqualValuesReadFromText() throws IOException {
    Random random = new Random(7);
    for (TypeKind kind : List.of(TypeKind.INTEGER, TypeKind.BIGINT, TypeKind.DOUBLE, TypeKind.DATE,
        TypeKind.BOOLEAN, TypeKind.VARCHAR)) {
      List<String> texts = new ArrayList<>(TEXTS);
      for (int i = 0; i < 200; i++) {
        texts.add(String.valueOf(random.nextInt()) + (i % 3 == 0 ? "." + random.nextInt(1000) : ""));
      }
      StringBuilder csv = new StringBuilder("v\n");
      texts.forEach(t -> csv.append(t).append('\n'));
      Files.writeString(dir.resolve("a.csv"), csv);
      ColumnType type = ColumnType.of(kind);
      DataTable t = FileSources.open(dir, "csv", Map.of("path", "a.csv", "on_error", "null",
          "columns", Map.of("v", kind.name())));
      List<List<Object>> rows = FileSources.read(t, new RecordingContext());
      assertThat(rows).hasSize(texts.size());
      for (int i = 0; i < texts.size(); i++) {
        String text = texts.get(i);
        Object expected;
        try {
          expected = FileValues.parse(text, type, true);
        } catch (MalformedRecordException e) {
          expected = null;
        }
        assertThat(rows.get(i).get(0)).as(kind + " '" + text + "'").isEqualTo(expected);
      }
    }
  }

  @Test
  void readsSingleByteAndWideEncodings() throws IOException {
    for (Charset charset : List.of(StandardCharsets.ISO_8859_1, Charset.forName("windows-1252"),
        StandardCharsets.UTF_16, StandardCharsets.UTF_16LE)) {
      Files.write(dir.resolve("a.csv"), "id;name\n1;\"Zoë; «x»\"\n2;Ä€\n".replace("€", charset.newEncoder()
          .canEncode('€') ? "€" : "").getBytes(charset));
      DataTable t = FileSources.open(dir, "csv", Map.of("path", "a.csv", "delimiter", ";",
          "encoding", charset.name()));
      assertThat(FileSources.read(t, new RecordingContext())).as(charset.name()).containsExactly(
          List.of(1, "Zoë; «x»"), List.of(2, charset.newEncoder().canEncode('€') ? "Ä€" : "Ä"));
    }
  }

  @Test
  void badBytesInAWideEncodingFailNamingTheEncoding() throws IOException {
    Path file = dir.resolve("a.csv");
    Files.write(file, concat("id\n1\n".getBytes(StandardCharsets.UTF_16LE), new byte[] {0x00, (byte) 0xDC}));
    DataTable t = FileSources.open(dir, "csv", Map.of("path", "a.csv", "encoding", "UTF-16LE",
        "columns", Map.of("id", "INTEGER")));
    assertThatThrownBy(() -> FileSources.read(t, new RecordingContext()))
        .hasMessageContaining("bytes that are not valid UTF-16LE");
  }

  @Test
  void structureCharactersMustBeAscii() throws IOException {
    Files.writeString(dir.resolve("a.csv"), "a§b\n");
    assertThatThrownBy(() -> FileSources.open(dir, "csv", Map.of("path", "a.csv", "delimiter", "§")))
        .hasMessageContaining("key 'delimiter': must be a single ASCII character");
  }

  @Test
  void escapedQuotesAndLongRecordsReadWhole() throws IOException {
    Map<String, Object> settings = new LinkedHashMap<>(Map.of("path", "a.csv", "escape", "\\"));
    String big = "x".repeat(300_000);
    Files.writeString(dir.resolve("a.csv"), "a,b\n\"say \\\"hi\\\"\",\"" + big + "\"\n\"c:\\\\dir\",2\n");
    DataTable t = FileSources.open(dir, "csv", settings);
    assertThat(FileSources.read(t, new RecordingContext())).containsExactly(Arrays.asList("say \"hi\"", big),
        Arrays.asList("c:\\\\dir", "2"));
  }

  @Test
  void anUnclosedQuoteEndsTheReadEvenInSkipModeNamingWhereItOpened() throws IOException {
    Path file = dir.resolve("a.csv");
    Files.writeString(file, "id,name\n1,a\n2,\"open\n3,c\n");
    DataTable t = FileSources.open(dir, "csv", Map.of("path", "a.csv", "on_error", "skip"));
    List<List<Object>> rows = new ArrayList<>();
    assertThatThrownBy(() -> rows.addAll(FileSources.read(t, new RecordingContext())))
        .hasMessage(file + ":3: unclosed quote opened on line 3");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
