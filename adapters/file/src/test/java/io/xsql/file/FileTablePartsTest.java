package io.xsql.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsql.spi.DataTable;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanContext;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.TablePart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parts of a file table, as a distributed engine reads them one by one: every record exactly once. */
final class FileTablePartsTest {
  @TempDir
  Path dir;

  private static List<Object> ids(DataTable table, List<TablePart> parts) {
    List<Object> out = new ArrayList<>();
    for (TablePart part : parts) {
      try (RowCursor c = table.scan(ScanRequest.of(List.of(0), ScanContext.detached()), part)) {
        while (c.next()) {
          out.add(c.current()[0]);
        }
      }
    }
    return out;
  }

  @Test
  void byteRangesOfAJsonLinesFileReadEachRecordOnce() throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= 5_000; i++) {
      // Lines of varying length, so that range ends fall anywhere in a line.
      lines.append("{\"id\": ").append(i).append(", \"pad\": \"").append("x".repeat(i % 37)).append("\"}\n");
    }
    Files.writeString(dir.resolve("a.jsonl"), lines);
    DataTable table = FileSources.open(dir, "jsonl", Map.of("path", "a.jsonl"));
    for (long bytes : List.of(1_000L, 4_096L, 65_536L)) {
      List<TablePart> parts = table.parts(bytes);
      assertThat(parts).hasSizeGreaterThan(1).allMatch(p -> !p.isWhole());
      assertThat(ids(table, parts)).as("parts of %d bytes", bytes)
          .containsExactlyElementsOf(IntStream.rangeClosed(1, 5_000).boxed().map(Object.class::cast).toList());
    }
  }

  @Test
  void csvFilesSplitByFileOnlySinceQuotedLineBreaksHideRecordStarts() throws IOException {
    Files.createDirectories(dir.resolve("p"));
    Files.writeString(dir.resolve("p/1.csv"), "id,note\n1,\"two\nlines\"\n2,x\n");
    Files.writeString(dir.resolve("p/2.csv"), "id,note\n3,y\n");
    DataTable table = FileSources.open(dir, "csv", Map.of("path", "p/*.csv"));
    List<TablePart> parts = table.parts(1);
    assertThat(parts).containsExactly(TablePart.whole(dir.resolve("p/1.csv").toString()),
        TablePart.whole(dir.resolve("p/2.csv").toString()));
    assertThat(ids(table, parts)).containsExactly(1, 2, 3);
  }

  @Test
  void aPartKeepsTheRequestsLimit() throws IOException {
    Files.writeString(dir.resolve("a.jsonl"), "{\"id\": 1}\n{\"id\": 2}\n{\"id\": 3}\n");
    DataTable table = FileSources.open(dir, "jsonl", Map.of("path", "a.jsonl"));
    TablePart part = table.parts(1 << 20).get(0);
    try (RowCursor c = table.scan(new ScanRequest(List.of(0), List.of(), OptionalLong.of(2),
        ScanContext.detached()), part)) {
      int n = 0;
      while (c.next()) {
        n++;
      }
      assertThat(n).isEqualTo(2);
    }
  }
}
