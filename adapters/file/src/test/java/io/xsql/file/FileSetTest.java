package io.xsql.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.file.FileSources.RecordingContext;
import io.xsql.spi.CatalogException;
import io.xsql.spi.DataTable;
import io.xsql.spi.FilterOp;
import io.xsql.spi.Predicate;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SourceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sources of several files: folders, globs, the {@code _file} column. */
final class FileSetTest {
  @TempDir
  Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  @Test
  void aFolderIsOneTableOfItsFilesInNameOrder() throws IOException {
    write("sales/2024-02.csv", "id,amount\n3,30\n");
    write("sales/2024-01.csv", "id,amount\n1,10\n2,20\n");
    write("sales/.partial.csv", "id,amount\nbroken\n");
    DataTable t = FileSources.open(dir, "csv", Map.of("path", "sales", "file_column", "true"));
    assertThat(t.columns().stream().map(c -> c.name()).toList()).containsExactly("id", "amount", "_file");
    assertThat(FileSources.read(t, new RecordingContext())).containsExactly(List.of(1, 10, "2024-01.csv"),
        List.of(2, 20, "2024-01.csv"), List.of(3, 30, "2024-02.csv"));
    assertThat(t.describe()).contains("sales").contains("(2 files)");
    assertThat(t.backingFile()).isEmpty();
  }

  @Test
  void aGlobMatchesBelowItsFixedFolders() throws IOException {
    write("logs/a/x.jsonl", "{\"id\": 1}\n");
    write("logs/b/y.jsonl", "{\"id\": 2}\n");
    write("logs/b/deeper/z.jsonl", "{\"id\": 3}\n");
    write("logs/b/notes.txt", "not data\n");
    DataTable oneLevel = FileSources.open(dir, "jsonl", Map.of("path", "logs/*/*.jsonl", "file_column", "true"));
    assertThat(FileSources.read(oneLevel, new RecordingContext()))
        .containsExactly(List.of(1, "a/x.jsonl"), List.of(2, "b/y.jsonl"));
    DataTable anyDepth = FileSources.open(dir, "jsonl", Map.of("path", "logs/**.jsonl"));
    assertThat(FileSources.read(anyDepth, new RecordingContext()))
        .containsExactly(List.of(1), List.of(3), List.of(2));
  }

  @Test
  void filtersOnFileSkipWholeFilesUnread() throws IOException {
    write("d/a.jsonl", "{\"id\": 1}\n{\"id\": 2}\n");
    // Read, this file would fail the query: the filter must keep it closed.
    write("d/b.jsonl", "{\"id\": 3}\nbroken\n");
    DataTable t = FileSources.open(dir, "jsonl", Map.of("path", "d", "file_column", "true"));
    Predicate onlyA = new Predicate.Compare(1, FilterOp.EQ, "a.jsonl");
    assertThat(FileSources.read(t, new ScanRequest(List.of(0), List.of(onlyA), OptionalLong.empty(),
        new RecordingContext()))).containsExactly(List.of(1), List.of(2));
    assertThatThrownBy(() -> FileSources.read(t, new RecordingContext())).isInstanceOf(SourceException.class)
        .hasMessageContaining("b.jsonl:2");
  }

  @Test
  void aLimitStopsAcrossFiles() throws IOException {
    write("d/a.csv", "id\n1\n2\n");
    write("d/b.csv", "id\n3\n4\n");
    DataTable t = FileSources.open(dir, "csv", Map.of("path", "d"));
    assertThat(FileSources.read(t, new ScanRequest(List.of(0), List.of(), OptionalLong.of(3),
        new RecordingContext()))).containsExactly(List.of(1), List.of(2), List.of(3));
  }

  @Test
  void columnsAreTheUnionOfWhatTheFilesHold() throws IOException {
    write("d/a.jsonl", "{\"id\": 1, \"name\": \"a\"}\n");
    write("d/b.jsonl", "{\"id\": 2.5, \"extra\": true}\n");
    DataTable t = FileSources.open(dir, "jsonl", Map.of("path", "d"));
    assertThat(t.columns().stream().map(c -> c.name() + ":" + c.type()).toList())
        .containsExactly("id:DOUBLE", "name:VARCHAR", "extra:BOOLEAN");
    assertThat(FileSources.read(t, new RecordingContext())).containsExactly(
        java.util.Arrays.asList(1.0, "a", null), java.util.Arrays.asList(2.5, null, true));
  }

  @Test
  void csvFilesOfOneSourceMustShareTheirHeader() throws IOException {
    write("d/a.csv", "id,name\n1,a\n");
    write("d/b.csv", "name,id\nb,2\n");
    DataTable t = FileSources.open(dir, "csv", Map.of("path", "d"));
    assertThatThrownBy(() -> FileSources.read(t, new RecordingContext())).isInstanceOf(SourceException.class)
        .hasMessageContaining("b.csv:1").hasMessageContaining("the header [name, id] differs from the columns"
            + " of the source [id, name]");
  }

  @Test
  void skippedRowsOfAllFilesMakeOneWarningNamingTheFirst() throws IOException {
    write("d/a.csv", "id\n1\nx\n");
    write("d/b.csv", "id\ny\n2\n");
    RecordingContext context = new RecordingContext();
    DataTable t = FileSources.open(dir, "csv", Map.of("path", "d", "on_error", "skip",
        "columns", Map.of("id", "INTEGER")));
    assertThat(FileSources.read(t, context)).containsExactly(List.of(1), List.of(2));
    assertThat(context.warnings).singleElement().asString().contains("skipped 2 malformed rows")
        .contains("a.csv:3");
  }

  @Test
  void anEmptyFileAmongOthersHasNoRows() throws IOException {
    write("d/a.csv", "");
    write("d/b.csv", "id\n1\n");
    DataTable t = FileSources.open(dir, "csv", Map.of("path", "d"));
    assertThat(FileSources.read(t, new RecordingContext())).containsExactly(List.of(1));
  }

  @Test
  void pathsThatMatchNothingFailNamingTheKey() throws IOException {
    write("d/a.csv", "id\n1\n");
    Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> FileSources.open(dir, "csv", Map.of("path", "d/*.tsv")))
        .isInstanceOf(CatalogException.class).hasMessageContaining("key 'path': no file matches");
    assertThatThrownBy(() -> FileSources.open(dir, "csv", Map.of("path", "empty")))
        .isInstanceOf(CatalogException.class).hasMessageContaining("has no files");
    assertThatThrownBy(() -> FileSources.open(dir, "csv", Map.of("path", "nowhere/*.csv")))
        .isInstanceOf(CatalogException.class).hasMessageContaining("folder not found");
  }

  @Test
  void aFileColumnCannotHideADataColumn() throws IOException {
    write("a.jsonl", "{\"_file\": \"mine\"}\n");
    DataTable t = FileSources.open(dir, "jsonl", Map.of("path", "a.jsonl", "file_column", "true"));
    assertThatThrownBy(t::columns).isInstanceOf(SourceException.class)
        .hasMessageContaining("already has a column named _file");
  }

  @Test
  void theVersionChangesWhenAnyFileChanges() throws IOException {
    write("d/a.csv", "id\n1\n");
    Path b = write("d/b.csv", "id\n2\n");
    DataTable t = FileSources.open(dir, "csv", Map.of("path", "d"));
    Object before = t.version().orElseThrow();
    Files.writeString(b, "id\n2\n3\n");
    assertThat(t.version().orElseThrow()).isNotEqualTo(before);
  }
}
