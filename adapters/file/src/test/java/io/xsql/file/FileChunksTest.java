package io.xsql.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.file.FileSources.RecordingContext;
import io.xsql.spi.FilterOp;
import io.xsql.spi.Predicate;
import io.xsql.spi.RowCursor;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JSON Lines or CSV file read in parallel chunks gives what reading it in one go gives, in the same order. */
final class FileChunksTest {
  private static final long[] CHUNKS = {1, 7, 64, 100, 333, 4096, 1 << 20};

  @TempDir
  Path dir;

  private Path file(String content) throws IOException {
    return Files.writeString(dir.resolve("c.jsonl"), content);
  }

  private static String lines(int n, long seed) {
    Random r = new Random(seed);
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      b.append("{\"id\": ").append(i).append(", \"name\": \"").append("é".repeat(r.nextInt(5)))
          .append("x".repeat(r.nextInt(60))).append("\", \"k\": ").append(r.nextInt(3)).append("}\n");
      if (r.nextInt(20) == 0) {
        b.append("\n");
      }
    }
    return b.toString();
  }

  private static List<List<Object>> drain(RowCursor c) {
    List<List<Object>> rows = new ArrayList<>();
    try (c) {
      while (c.next()) {
        rows.add(Arrays.asList(c.current()));
      }
    }
    return rows;
  }

  @Test
  void everyChunkSizeGivesTheSameRowsInTheSameOrder() throws IOException {
    file(lines(400, 7));
    FileTable t = (FileTable) FileSources.open(dir, "jsonl", Map.of("path", "c.jsonl"));
    ScanRequest all = ScanRequest.of(List.of(0, 1, 2), new RecordingContext());
    List<List<Object>> expected = FileSources.read(t, all);
    assertThat(expected).hasSize(400);
    for (long chunk : CHUNKS) {
      assertThat(drain(t.scan(all, chunk))).as("chunk " + chunk).containsExactlyElementsOf(expected);
    }
    ScanRequest filtered = new ScanRequest(List.of(0), List.of(new Predicate.Compare(2, FilterOp.EQ, 1)),
        OptionalLong.empty(), new RecordingContext());
    assertThat(drain(t.scan(filtered, 50))).containsExactlyElementsOf(FileSources.read(t, filtered));
  }

  @Test
  void errorsNameTheLineCountedFromTheStartOfTheFile() throws IOException {
    String content = lines(300, 3);
    List<String> all = new ArrayList<>(List.of(content.split("\n", -1)));
    all.set(250, "{\"id\": oops}");
    Path f = file(String.join("\n", all));
    FileTable t = (FileTable) FileSources.open(dir, "jsonl", Map.of("path", "c.jsonl"));
    ScanRequest request = ScanRequest.of(List.of(0), new RecordingContext());
    assertThatThrownBy(() -> drain(t.scan(request, 97))).isInstanceOf(SourceException.class)
        .hasMessage(f + ":251:8: expected a JSON value");
  }

  @Test
  void skippedRowsOfAllChunksMakeOneWarning() throws IOException {
    String content = lines(300, 5);
    List<String> all = new ArrayList<>(List.of(content.split("\n", -1)));
    all.set(20, "not json");
    all.set(200, "{\"id\": \"x\"}");
    Path f = file(String.join("\n", all));
    // The sample stops before the row with a text id, so the column stays INTEGER.
    FileTable t = (FileTable) FileSources.open(dir, "jsonl", Map.of("path", "c.jsonl", "on_error", "skip",
        "sample_size", "100"));
    RecordingContext context = new RecordingContext();
    List<List<Object>> rows = drain(t.scan(ScanRequest.of(List.of(0), context), 61));
    assertThat(rows).hasSize(FileSources.read(t, ScanRequest.of(List.of(0), new RecordingContext())).size());
    assertThat(context.warnings).singleElement().asString()
        .startsWith("skipped 2 malformed rows in " + f).contains("the first at " + f + ":21:1: expected a JSON object");
  }

  /**
   * CSV records with quoted values that hold delimiters, quotes and line breaks (LF and CRLF), blank lines
   * between records, and a byte order mark and a header first.
   */
  private static String csv(int n, long seed, String lineBreak) {
    Random r = new Random(seed);
    StringBuilder b = new StringBuilder("\uFEFFid,name,k").append(lineBreak);
    for (int i = 1; i <= n; i++) {
      String name = switch (r.nextInt(6)) {
        case 0 -> "\"two" + lineBreak + "lines, \"\"quoted\"\"\"";
        case 1 -> "\"" + lineBreak + "\"";
        case 2 -> "\"a" + lineBreak + lineBreak + "b\"";
        default -> "é".repeat(r.nextInt(3)) + "x".repeat(r.nextInt(40));
      };
      b.append(i).append(',').append(name).append(',').append(r.nextInt(3)).append(lineBreak);
      if (r.nextInt(15) == 0) {
        b.append(lineBreak);
      }
    }
    return b.toString();
  }

  @Test
  void csvChunksStartingInsideQuotedLineBreaksAreReadAgainFromTheRecordBefore() throws IOException {
    for (String lineBreak : List.of("\n", "\r\n")) {
      Files.writeString(dir.resolve("c.csv"), csv(400, 13, lineBreak));
      FileTable t = (FileTable) FileSources.open(dir, "csv", Map.of("path", "c.csv", "columns",
          Map.of("id", "integer", "name", "varchar", "k", "integer")));
      ScanRequest all = ScanRequest.of(List.of(0, 1, 2), new RecordingContext());
      List<List<Object>> expected = FileSources.read(t, all);
      assertThat(expected).hasSize(400).extracting(r -> r.get(0)).startsWith(1, 2, 3).endsWith(400);
      assertThat(expected).extracting(r -> (String) r.get(1)).anyMatch(name -> name.contains(lineBreak));
      for (long chunk : CHUNKS) {
        assertThat(drain(t.scan(all, chunk))).as("chunk %d, line break %s", chunk, lineBreak.length())
            .containsExactlyElementsOf(expected);
      }
      ScanRequest filtered = new ScanRequest(List.of(1), List.of(new Predicate.Compare(2, FilterOp.EQ, 1)),
          OptionalLong.empty(), new RecordingContext());
      assertThat(drain(t.scan(filtered, 50))).containsExactlyElementsOf(FileSources.read(t, filtered));
    }
  }

  @Test
  void aCsvChunkGuessedInsideAQuotedValueDoesNotReadTheRestOfTheFileAsOneRecord() throws IOException {
    // A chunk cut after "x's line break starts at the closing quote, which it reads as an opening one: no
    // quote follows in the 5,000 records after it, more than a buffer's worth.
    StringBuilder b = new StringBuilder("id,name,k\n");
    for (int i = 0; i < 200; i++) {
      b.append(i).append(",plain,").append(i % 3).append('\n');
    }
    b.append("200,\"x\n\",1\n");
    for (int i = 201; i < 5200; i++) {
      b.append(i).append(",plain text of a record,").append(i % 3).append('\n');
    }
    Files.writeString(dir.resolve("q.csv"), b);
    FileTable t = (FileTable) FileSources.open(dir, "csv", Map.of("path", "q.csv", "columns",
        Map.of("id", "integer", "name", "varchar", "k", "integer")));
    ScanRequest all = ScanRequest.of(List.of(0, 1, 2), new RecordingContext());
    List<List<Object>> expected = FileSources.read(t, all);
    assertThat(expected).hasSize(5200).contains(List.of(200, "x\n", 1));
    assertThat(drain(t.scan(all, 7))).containsExactlyElementsOf(expected);
  }

  @Test
  void csvErrorsNameTheLineCountedFromTheStartOfTheFile() throws IOException {
    StringBuilder b = new StringBuilder("id,name\n");
    for (int i = 1; i <= 300; i++) {
      b.append(i).append(',').append(i == 120 ? "\"a\nb\"" : "n" + i).append(i == 250 ? ",extra" : "")
          .append('\n');
    }
    Path f = Files.writeString(dir.resolve("e.csv"), b);
    FileTable t = (FileTable) FileSources.open(dir, "csv", Map.of("path", "e.csv", "columns",
        Map.of("id", "integer", "name", "varchar")));
    ScanRequest request = ScanRequest.of(List.of(0), new RecordingContext());
    // Record 250 starts on line 252: the header and record 120's second line come before it.
    for (long chunk : new long[] {37, 500}) {
      assertThatThrownBy(() -> drain(t.scan(request, chunk))).as("chunk " + chunk)
          .isInstanceOf(SourceException.class).hasMessage(f + ":252: expected 2 fields but found 3");
    }
  }

  @Test
  void aLimitStopsTheScanEarly() throws IOException {
    file(lines(500, 11));
    FileTable t = (FileTable) FileSources.open(dir, "jsonl", Map.of("path", "c.jsonl"));
    ScanRequest request = new ScanRequest(List.of(0), List.of(), OptionalLong.of(5), new RecordingContext());
    assertThat(drain(t.scan(request, 10))).containsExactly(List.of(1), List.of(2), List.of(3), List.of(4),
        List.of(5));
  }
}
