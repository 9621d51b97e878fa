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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class JsonFormatTest {
  @TempDir
  Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static List<String> names(DataTable t) {
    return t.columns().stream().map(c -> c.name() + ":" + c.type()).toList();
  }

  @Test
  void readsATopLevelArrayOverManyLinesWithTypesNullsAndNesting() throws IOException {
    write("a.json", """
        [
          {"id": 1, "name": "Ann", "price": 1.5, "tags": ["x", "y"], "dims": {"w": 2, "h": null}},
          {
            "id": 2,
            "name": null,
            "price": 3,
            "dims": {"w": 4, "h": 5}
          }
        ]
        """);
    DataTable t = FileSources.open(dir, "json", Map.of("path", "a.json"));
    assertThat(names(t)).containsExactly("id:INTEGER", "name:VARCHAR", "price:DOUBLE", "tags:VARCHAR",
        "dims.w:INTEGER", "dims.h:INTEGER");
    assertThat(FileSources.read(t, new RecordingContext())).containsExactly(
        Arrays.asList(1, "Ann", 1.5, "[\"x\",\"y\"]", 2, null),
        Arrays.asList(2, null, 3.0, null, 4, 5));
  }

  @Test
  void readsTheRecordsAtAPointerPassingOverEverythingElse() throws IOException {
    write("a.json", """
        {"meta": {"note": "a ] and a } in text", "deep": [[1, {"x": "["}], []]},
         "da\\u0074a": {"count": 2, "items": [{"id": 1}, {"id": 2}]},
         "after": "never read"
        """);
    DataTable t = FileSources.open(dir, "json", Map.of("path", "a.json", "records", "/data/items"));
    assertThat(FileSources.read(t, new RecordingContext())).containsExactly(List.of(1), List.of(2));
  }

  @Test
  void aDocumentThatIsOneObjectIsOneRecord() throws IOException {
    write("a.json", "{\"id\": 7, \"name\": \"only\"}\n");
    DataTable t = FileSources.open(dir, "json", Map.of("path", "a.json"));
    assertThat(FileSources.read(t, new RecordingContext())).containsExactly(List.of(7, "only"));
  }

  @Test
  void readsTheSameRowsAsJsonLinesWhateverTheRecordSizes() throws IOException {
    // Records from a few bytes to well over the 64 KB buffer, so that records straddle every refill.
    Random random = new Random(42);
    List<String> records = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      String text = "t\\\"" + "é".repeat(random.nextInt(i % 500 == 0 ? 40_000 : 30));
      records.add("{\"id\": " + i + ", \"text\": \"" + text + "\", \"n\": {\"v\": " + random.nextInt(9) + "}}");
    }
    write("a.json", "[" + String.join(",\n  ", records) + "]");
    write("a.jsonl", String.join("\n", records));
    List<List<Object>> json = FileSources.read(FileSources.open(dir, "json", Map.of("path", "a.json")),
        new RecordingContext());
    List<List<Object>> jsonl = FileSources.read(FileSources.open(dir, "jsonl", Map.of("path", "a.jsonl")),
        new RecordingContext());
    assertThat(json).hasSize(3000).isEqualTo(jsonl);
  }

  @Test
  void filtersPushedIntoTheReadGiveWhatFilteringAfterwardsGives() throws IOException {
    write("a.json", "[" + String.join(",", IntStream.range(0, 200)
        .mapToObj(i -> "{\"id\": " + i + ", \"kind\": \"" + (i % 3 == 0 ? "a" : "b") + "\"}").toList()) + "]");
    DataTable t = FileSources.open(dir, "json", Map.of("path", "a.json"));
    RecordingContext context = new RecordingContext();
    Predicate kindA = new Predicate.Compare(1, FilterOp.EQ, "a");
    List<List<Object>> pushed = FileSources.read(t, new ScanRequest(List.of(0), List.of(kindA),
        OptionalLong.empty(), context));
    List<List<Object>> after = FileSources.read(t, context).stream().filter(r -> r.get(1).equals("a"))
        .map(r -> r.subList(0, 1)).toList();
    assertThat(pushed).hasSize(67).isEqualTo(after);
  }

  @Test
  void aDamagedRecordIsNamedByLineAndColumnAndSkipModeGoesOn() throws IOException {
    Path file = write("a.json", "[{\"a\": 1},\n {\"a\": tru},\n {\"a\": 3}]\n");
    DataTable failing = FileSources.open(dir, "json", Map.of("path", "a.json"));
    assertThatThrownBy(() -> FileSources.read(failing, new RecordingContext()))
        .isInstanceOf(SourceException.class).hasMessageContaining(file + ":2:");
    RecordingContext context = new RecordingContext();
    DataTable skipping = FileSources.open(dir, "json", Map.of("path", "a.json", "on_error", "skip"));
    assertThat(FileSources.read(skipping, context)).containsExactly(List.of(1), List.of(3));
    assertThat(context.warnings).singleElement().asString().contains("skipped 1 malformed row")
        .contains(file + ":2:");
  }

  @Test
  void nullModeReadsValuesThatDoNotFitAsNull() throws IOException {
    Path file = write("a.json", "[{\"a\": 1, \"b\": \"x\"}, {\"a\": \"seven\", \"b\": \"y\"}, {\"a\": 3, \"b\": \"z\"}]");
    RecordingContext context = new RecordingContext();
    DataTable t = FileSources.open(dir, "json", Map.of("path", "a.json", "on_error", "null",
        "columns", Map.of("a", "INTEGER")));
    assertThat(FileSources.read(t, context)).containsExactly(List.of(1, "x"), Arrays.asList(null, "y"),
        List.of(3, "z"));
    assertThat(context.warnings).singleElement().asString().contains("read 1 malformed value as NULL")
        .contains(file + ":1:").contains("column 'a'").contains("INTEGER");
  }

  @Test
  void aBrokenStructureEndsTheReadEvenInSkipMode() throws IOException {
    Map<String, String> cases = Map.of(
        "[{\"a\": 1}, {\"a\": 2", "the file ends inside a value",
        "[{\"a\": 1}, {\"a\": 2]}]", "unexpected ']'",
        "[{\"a\": 1} {\"a\": 2}]", "expected ',' or ']' but found '{'",
        "[{\"a\": 1}] [3]", "unexpected content after the array of records",
        "[{\"a\": 1},", "the file ends where a value was expected");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      write("a.json", c.getKey());
      DataTable t = FileSources.open(dir, "json", Map.of("path", "a.json", "on_error", "skip"));
      List<List<Object>> rows = new ArrayList<>();
      assertThatThrownBy(() -> rows.addAll(FileSources.read(t, new RecordingContext())))
          .as(c.getKey()).isInstanceOf(SourceException.class).hasMessageContaining(c.getValue())
          .hasMessageContaining("a.json:1:");
    }
  }

  @Test
  void aMissingPointerOrAFileThatIsNotJsonFailsClearly() throws IOException {
    write("a.json", "{\"data\": {\"items\": 5}}");
    assertThatThrownBy(() -> FileSources.open(dir, "json", Map.of("path", "a.json", "records", "/data/rows"))
        .columns()).isInstanceOf(SourceException.class).hasMessageContaining("no /data/rows in the document");
    assertThatThrownBy(() -> FileSources.open(dir, "json", Map.of("path", "a.json", "records", "/data/items"))
        .columns()).hasMessageContaining("expected an array of records or an object at /data/items but found '5'");
    write("b.json", "id,name\n1,Ann\n");
    assertThatThrownBy(() -> FileSources.open(dir, "json", Map.of("path", "b.json")).columns())
        .isInstanceOf(SourceException.class).hasMessageContaining("b.json")
        .hasMessageContaining("expected an array of records or an object but found 'i'");
    write("c.json", "");
    assertThatThrownBy(() -> FileSources.open(dir, "json", Map.of("path", "c.json")).columns())
        .hasMessageContaining("the file is empty");
    assertThatThrownBy(() -> FileSources.open(dir, "json", Map.of("path", "a.json", "records", "data")))
        .hasMessageContaining("key 'records': must start with '/'");
    assertThatThrownBy(() -> FileSources.open(dir, "jsonl", Map.of("path", "a.json", "records", "/data")))
        .hasMessageContaining("unknown key 'records'");
  }

  @Test
  void aFileOfLinesThatAreNotObjectsIsNotJsonLines() throws IOException {
    write("a.jsonl", "id,name\n1,Ann\n");
    SourceException e = (SourceException) org.assertj.core.api.Assertions.catchThrowable(
        () -> FileSources.open(dir, "jsonl", Map.of("path", "a.jsonl")).columns());
    assertThat(e.code()).isEqualTo(ErrorCode.DATA);
    assertThat(e).hasMessageContaining("a.jsonl: line 1 is not a JSON object")
        .hasMessageContaining("is this a JSON Lines file?");
  }
}
