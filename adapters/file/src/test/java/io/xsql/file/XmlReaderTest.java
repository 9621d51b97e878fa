package io.xsql.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.file.FileSources.RecordingContext;
import io.xsql.spi.DataTable;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.FilterOp;
import io.xsql.spi.Predicate;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SourceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading XML records: pushed-down filters, needed columns, damaged and hostile files, encodings. */
final class XmlReaderTest {
  @TempDir
  Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static List<List<Object>> read(DataTable t) {
    return FileSources.read(t, new RecordingContext());
  }

  /** Records with every kind of value, NULLs, attributes, a nested element and a repeated one. */
  private Path products() throws IOException {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<catalog>\n");
    for (int i = 0; i < 60; i++) {
      xml.append("  <product id=\"").append(i).append("\">\n");
      if (i % 5 != 4) {
        xml.append("    <name>").append(i % 3 == 0 ? "Zoë" : "item " + (char) ('a' + i % 26)).append("</name>\n");
      }
      xml.append("    <price currency=\"").append(i % 2 == 0 ? "EUR" : "USD").append("\">")
          .append(i % 7 == 3 ? "" : String.valueOf(i * 1.25)).append("</price>\n");
      xml.append("    <day>2024-01-").append(String.format("%02d", 1 + i % 28)).append("</day>\n");
      xml.append("    <ok>").append(i % 4 == 0).append("</ok>\n");
      xml.append("    <tag>t").append(i % 3).append("</tag>").append(i % 2 == 0 ? "<tag>x</tag>" : "")
          .append('\n');
      xml.append("  </product>\n");
    }
    return write("p.xml", xml.append("</catalog>\n").toString());
  }

  @Test
  void pushedDownFiltersReturnWhatFilteringTheFullReadReturns() throws IOException {
    products();
    DataTable t = FileSources.open(dir, "xml", Map.of("path", "p.xml", "records", "/catalog/product"));
    List<String> names = t.columns().stream().map(c -> c.name()).toList();
    assertThat(names).containsExactly("id", "name", "price", "price.currency", "day", "ok", "tag");
    List<List<Object>> all = read(t);
    List<Predicate> predicates = List.of(
        new Predicate.Compare(0, FilterOp.GE, 30),
        new Predicate.Compare(1, FilterOp.EQ, "Zoë"),
        new Predicate.Compare(2, FilterOp.LT, 20.0),
        new Predicate.Compare(3, FilterOp.NE, "EUR"),
        new Predicate.Compare(4, FilterOp.LE, 19727),
        new Predicate.Compare(5, FilterOp.EQ, true),
        new Predicate.In(0, List.of(1, 2, 3, 55)),
        new Predicate.IsNull(1, false),
        new Predicate.IsNull(2, true),
        new Predicate.AnyOf(List.of(new Predicate.Compare(0, FilterOp.LT, 3), new Predicate.IsNull(2, false))));
    for (Predicate p : predicates) {
      List<List<Object>> expected = all.stream().filter(row -> p.test(row::get)).toList();
      ScanRequest pushed = new ScanRequest(IntStream.range(0, names.size()).boxed().toList(), List.of(p),
          OptionalLong.empty(), new RecordingContext());
      assertThat(FileSources.read(t, pushed)).as(p.toString()).isNotEmpty().containsExactlyElementsOf(expected);
    }
  }

  @Test
  void readingSomeColumnsGivesTheValuesOfAFullRead() throws IOException {
    products();
    DataTable t = FileSources.open(dir, "xml", Map.of("path", "p.xml"));
    List<List<Object>> all = read(t);
    int n = t.columns().size();
    for (int c = 0; c < n; c++) {
      int column = c;
      List<List<Object>> one = FileSources.read(t, ScanRequest.of(List.of(c), new RecordingContext()));
      assertThat(one).as(t.columns().get(c).name())
          .containsExactlyElementsOf(all.stream().map(row -> Arrays.asList(row.get(column))).toList());
    }
    List<List<Object>> some = FileSources.read(t, ScanRequest.of(List.of(6, 2, 0), new RecordingContext()));
    assertThat(some).containsExactlyElementsOf(
        all.stream().map(r -> Arrays.asList(r.get(6), r.get(2), r.get(0))).toList());
    assertThat(FileSources.read(t, ScanRequest.of(List.of(), new RecordingContext()))).hasSize(60);
  }

  private static final String BAD_VALUES = """
      <r>
        <p id="1"><n>10</n></p>
        <p id="x"><n>20</n></p>
        <p id="3"><n>oops</n></p>
        <p id="4"><n>40</n></p>
      </r>
      """;

  @Test
  void aValueThatDoesNotFitFailsNamingFileLineAndType() throws IOException {
    Path file = write("b.xml", BAD_VALUES);
    DataTable t = FileSources.open(dir, "xml", Map.of("path", "b.xml", "columns", Map.of("id", "INTEGER")));
    assertThatThrownBy(() -> read(t))
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA_TYPE))
        .hasMessageStartingWith(file + ":3:").hasMessageEndingWith(": column 'id': expected INTEGER but got 'x'");
  }

  @Test
  void skipLeavesOutRecordsWithBadValuesWhateverTheQueryReads() throws IOException {
    Path file = write("b.xml", BAD_VALUES);
    DataTable t = FileSources.open(dir, "xml", Map.of("path", "b.xml", "on_error", "skip",
        "columns", Map.of("id", "INTEGER", "n", "INTEGER")));
    RecordingContext context = new RecordingContext();
    assertThat(FileSources.read(t, context)).containsExactly(List.of(1, 10), List.of(4, 40));
    assertThat(context.warnings).singleElement().asString().startsWith("skipped 2 malformed rows")
        .contains(file + ":3:").contains("expected INTEGER but got 'x'");
    assertThat(FileSources.read(t, ScanRequest.of(List.of(1), new RecordingContext())))
        .containsExactly(List.of(10), List.of(40));
  }

  @Test
  void nullReadsBadValuesAsNullAndWarns() throws IOException {
    Path file = write("b.xml", BAD_VALUES);
    DataTable t = FileSources.open(dir, "xml", Map.of("path", "b.xml", "on_error", "null",
        "columns", Map.of("id", "INTEGER", "n", "INTEGER")));
    RecordingContext context = new RecordingContext();
    assertThat(FileSources.read(t, context)).containsExactly(List.of(1, 10), Arrays.asList(null, 20),
        Arrays.asList(3, null), List.of(4, 40));
    assertThat(context.warnings).singleElement().asString().startsWith("read 2 malformed values as NULL")
        .contains(file + ":3:").contains("column 'id': expected INTEGER but got 'x'");
  }

  @Test
  void malformedXmlFailsWhereItIsEvenWhenSkipping() throws IOException {
    Path file = write("m.xml", "<r>\n<p><n>1</n></p>\n<p><n>2</p>\n<p><n>3</n></p>\n</r>\n");
    for (String onError : List.of("fail", "skip")) {
      DataTable t = FileSources.open(dir, "xml", Map.of("path", "m.xml", "on_error", onError));
      List<List<Object>> rows = new ArrayList<>();
      assertThatThrownBy(() -> {
        try (var cursor = t.scan(ScanRequest.of(List.of(0), new RecordingContext()))) {
          while (cursor.next()) {
            rows.add(List.of(cursor.current()));
          }
        }
      }).isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA))
          .hasMessageStartingWith(file + ":3:")
          .hasMessageContaining("not well-formed XML: The element type \"n\" must be terminated");
      assertThat(rows).containsExactly(List.of(1));
    }
  }

  @Test
  void aTruncatedGzipFailsSayingSo() throws IOException {
    StringBuilder xml = new StringBuilder("<r>\n");
    for (int i = 0; i < 20_000; i++) {
      xml.append("  <p id=\"").append(i).append("\"><v>value ").append(i * 31 % 1000).append("</v></p>\n");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(xml.append("</r>\n").toString().getBytes(StandardCharsets.UTF_8));
    }
    byte[] whole = bytes.toByteArray();
    Path file = dir.resolve("t.xml.gz");
    Files.write(file, Arrays.copyOf(whole, whole.length / 2));
    DataTable t = FileSources.open(dir, "xml", Map.of("path", "t.xml.gz", "sample_size", "10"));
    assertThat(t.columns()).hasSize(2);
    assertThatThrownBy(() -> read(t))
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA))
        .hasMessage("cannot read " + file + ": the gzip data ends early (is the file truncated?)");
  }

  @Test
  void anEmptyFileHasNoRecords() throws IOException {
    write("e.xml", "");
    assertThatThrownBy(FileSources.open(dir, "xml", Map.of("path", "e.xml"))::columns)
        .isInstanceOf(SourceException.class).hasMessageContaining("has no records to infer columns from");
    DataTable t = FileSources.open(dir, "xml", Map.of("path", "e.xml", "columns", Map.of("id", "INTEGER")));
    assertThat(read(t)).isEmpty();
  }

  @Test
  void aFileThatIsNotXmlFailsClearly() throws IOException {
    Path file = write("c.xml", "id,name\n1,Ann\n");
    assertThatThrownBy(FileSources.open(dir, "xml", Map.of("path", "c.xml"))::columns)
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA))
        .hasMessage(file + ": line 1, column 1: not well-formed XML: Content is not allowed in prolog.");
    // Pinned columns do not help: as with JSON, a file that yields no record at all cannot be a table.
    DataTable pinned = FileSources.open(dir, "xml", Map.of("path", "c.xml", "columns", Map.of("id", "INT")));
    assertThatThrownBy(pinned::columns).hasMessageContaining("Content is not allowed in prolog.");
  }

  @Test
  void externalEntitiesAreNeverRead() throws IOException {
    Path secret = write("secret.txt", "TOP-SECRET-42");
    write("x.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
        + "<r><p><v>ok</v></p><p><v>&xxe;</v></p></r>\n");
    DataTable t = FileSources.open(dir, "xml", Map.of("path", "x.xml", "columns", Map.of("v", "VARCHAR")));
    List<List<Object>> rows = new ArrayList<>();
    assertThatThrownBy(() -> {
      try (var cursor = t.scan(ScanRequest.of(List.of(0), new RecordingContext()))) {
        while (cursor.next()) {
          rows.add(List.of(cursor.current()));
        }
      }
    }).isInstanceOf(SourceException.class).hasMessageContaining("\"xxe\" was referenced, but not declared")
        .hasMessageNotContaining("TOP-SECRET");
    assertThat(rows).containsExactly(List.of("ok"));

    // An external DTD is not fetched either: the document reads as if it had none.
    write("d.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE r SYSTEM \"" + secret.toUri() + "\">\n"
        + "<r><p><v>ok</v></p></r>\n");
    DataTable dtd = FileSources.open(dir, "xml", Map.of("path", "d.xml"));
    assertThat(read(dtd)).containsExactly(List.of("ok"));
  }

  @Test
  void bytesInvalidInTheDeclaredEncodingFailInsteadOfBeingReplaced() throws IOException {
    Path utf8 = dir.resolve("u.xml");
    Files.write(utf8, bytes("<r>\n<p><v>ok</v></p>\n<p><v>", new byte[] {(byte) 0xC3, 0x28}, "</v></p>\n</r>"));
    DataTable t = FileSources.open(dir, "xml", Map.of("path", "u.xml"));
    assertThatThrownBy(() -> read(t)).isInstanceOf(SourceException.class)
        .hasMessageStartingWith(utf8 + ":3:").hasMessageEndingWith(": bytes that are not valid UTF-8");

    Path cp1252 = dir.resolve("w.xml");
    Files.write(cp1252, bytes("<?xml version=\"1.0\" encoding=\"windows-1252\"?><r><p><v>",
        new byte[] {(byte) 0x81}, "</v></p></r>"));
    assertThatThrownBy(FileSources.open(dir, "xml", Map.of("path", "w.xml"))::columns)
        .hasMessageEndingWith("bytes that are not valid windows-1252");

    Files.write(dir.resolve("l.xml"), bytes("<?xml version='1.0' encoding='ISO-8859-1'?><r><p><v>caf",
        new byte[] {(byte) 0xE9}, "</v></p></r>"));
    assertThat(read(FileSources.open(dir, "xml", Map.of("path", "l.xml")))).containsExactly(List.of("café"));

    Files.write(dir.resolve("s.xml"), "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?><r><p><v>東京</v></p></r>"
        .getBytes(StandardCharsets.UTF_16LE));
    assertThat(read(FileSources.open(dir, "xml", Map.of("path", "s.xml")))).containsExactly(List.of("東京"));

    Files.writeString(dir.resolve("n.xml"), "<?xml version=\"1.0\" encoding=\"nonsense\"?><r/>");
    assertThatThrownBy(FileSources.open(dir, "xml", Map.of("path", "n.xml"))::columns)
        .hasMessageContaining("the XML declaration names an unknown encoding 'nonsense'");
  }

  private static byte[] bytes(String head, byte[] middle, String tail) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(middle);
    out.writeBytes(tail.getBytes(StandardCharsets.ISO_8859_1));
    return out.toByteArray();
  }
}
