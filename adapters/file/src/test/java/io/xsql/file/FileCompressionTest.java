package io.xsql.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airlift.compress.zstd.ZstdOutputStream;
import io.xsql.file.FileSources.RecordingContext;
import io.xsql.spi.DataTable;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.SourceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class FileCompressionTest {
  /** A compressor by name, for writing test files. */
  private interface Compressor {
    OutputStream wrap(OutputStream out) throws IOException;
  }

  private static final Map<String, Compressor> COMPRESSORS = Map.of(
      "gz", GZIPOutputStream::new, "zst", ZstdOutputStream::new, "bz2", BZip2CompressorOutputStream::new);

  @TempDir
  Path dir;

  private static byte[] compress(String extension, byte[] data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = COMPRESSORS.get(extension).wrap(bytes)) {
      out.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static String jsonl(int rows) {
    return IntStream.range(0, rows).mapToObj(i -> "{\"id\": " + i + ", \"name\": \"n" + i + "é\"}")
        .collect(Collectors.joining("\n", "", "\n"));
  }

  @Test
  void everyCompressionReadsAsThePlainFile() throws IOException {
    byte[] plain = jsonl(5000).getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("a.jsonl"), plain);
    List<List<Object>> expected = FileSources.read(FileSources.open(dir, "jsonl", Map.of("path", "a.jsonl")),
        new RecordingContext());
    assertThat(expected).hasSize(5000);
    for (String extension : COMPRESSORS.keySet()) {
      Files.write(dir.resolve("a.jsonl." + extension), compress(extension, plain));
      DataTable t = FileSources.open(dir, "jsonl", Map.of("path", "a.jsonl." + extension));
      assertThat(FileSources.read(t, new RecordingContext())).as(extension).isEqualTo(expected);
      assertThat(t.backingFile()).as(extension).isEmpty();
    }
  }

  @Test
  void concatenatedStreamsReadToTheEnd() throws IOException {
    // What pigz, pbzip2 and `cat a.gz b.gz` produce.
    byte[] first = "id,name\n1,a\n".getBytes(StandardCharsets.UTF_8);
    byte[] second = "2,b\n".getBytes(StandardCharsets.UTF_8);
    for (String extension : List.of("gz", "bz2", "zst")) {
      ByteArrayOutputStream both = new ByteArrayOutputStream();
      both.write(compress(extension, first));
      both.write(compress(extension, second));
      Files.write(dir.resolve("a.csv." + extension), both.toByteArray());
      DataTable t = FileSources.open(dir, "csv", Map.of("path", "a.csv." + extension));
      assertThat(FileSources.read(t, new RecordingContext())).as(extension)
          .containsExactly(List.of(1, "a"), List.of(2, "b"));
    }
  }

  @Test
  void compressionIsToldByTheBytesNotTheName() throws IOException {
    Files.write(dir.resolve("a.csv"), compress("gz", "id\n1\n".getBytes(StandardCharsets.UTF_8)));
    DataTable t = FileSources.open(dir, "csv", Map.of("path", "a.csv"));
    assertThat(FileSources.read(t, new RecordingContext())).containsExactly(List.of(1));
  }

  @Test
  void aNameThatPromisesACompressionTheBytesLackFails() throws IOException {
    Files.writeString(dir.resolve("a.csv.gz"), "id\n1\n");
    DataTable t = FileSources.open(dir, "csv", Map.of("path", "a.csv.gz"));
    assertThatThrownBy(t::columns).isInstanceOf(SourceException.class)
        .hasMessageContaining("a.csv.gz: the name ends in .gz but the file is not gzip-compressed");
  }

  @Test
  void truncatedDataFailsSayingSoWhereverItIsFound() throws IOException {
    byte[] plain = jsonl(20_000).getBytes(StandardCharsets.UTF_8);
    for (String extension : COMPRESSORS.keySet()) {
      byte[] whole = compress(extension, plain);
      // Cut late, so that sampling the start succeeds and the scan meets the end.
      Files.write(dir.resolve("cut.jsonl." + extension), Arrays.copyOf(whole, whole.length * 9 / 10));
      DataTable t = FileSources.open(dir, "jsonl", Map.of("path", "cut.jsonl." + extension, "on_error", "skip"));
      SourceException e = (SourceException) org.assertj.core.api.Assertions.catchThrowable(
          () -> FileSources.read(t, new RecordingContext()));
      assertThat(e).as(extension).isNotNull().hasMessageContaining("cut.jsonl." + extension)
          .hasMessageMatching("(?s).*(ends early|is damaged).*");
      assertThat(e.code()).as(extension).isEqualTo(ErrorCode.DATA);
    }
  }

  @Test
  void damagedDataFailsSayingSo() throws IOException {
    byte[] whole = compress("gz", jsonl(1000).getBytes(StandardCharsets.UTF_8));
    for (int i = 200; i < 260; i++) {
      whole[i] ^= 0x5a;
    }
    Files.write(dir.resolve("bad.jsonl.gz"), whole);
    DataTable t = FileSources.open(dir, "jsonl", Map.of("path", "bad.jsonl.gz", "columns",
        Map.of("id", "INTEGER")));
    assertThatThrownBy(() -> FileSources.read(t, new RecordingContext())).isInstanceOf(SourceException.class)
        .hasMessageContaining("bad.jsonl.gz").hasMessageContaining("the gzip data is damaged");
  }

  @Test
  void aCompressedJsonDocumentStreams() throws IOException {
    String json = IntStream.range(0, 3000).mapToObj(i -> "{\"id\": " + i + "}")
        .collect(Collectors.joining(",", "{\"items\": [", "]}"));
    Files.write(dir.resolve("a.json.zst"), compress("zst", json.getBytes(StandardCharsets.UTF_8)));
    DataTable t = FileSources.open(dir, "json", Map.of("path", "a.json.zst", "records", "/items"));
    List<List<Object>> rows = FileSources.read(t, new RecordingContext());
    assertThat(rows).hasSize(3000).element(2999).isEqualTo(List.of(2999));
    assertThat(rows.stream().map(r -> (Integer) r.get(0)).collect(Collectors.toMap(Function.identity(),
        Function.identity()))).hasSize(3000);
  }
}
