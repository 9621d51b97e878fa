package io.xsql.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsql.spi.Column;
import io.xsql.spi.ColumnType;
import io.xsql.spi.TypeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class FileSchemaMemoTest {
  @TempDir
  Path dir;

  private static FileSchema schema() {
    BitSet pinned = new BitSet();
    pinned.set(1);
    return new FileSchema(
        List.of(new Column("id", ColumnType.of(TypeKind.BIGINT), true),
            new Column("b.c", ColumnType.decimal(12, 2), true),
            new Column("tags", ColumnType.array(ColumnType.of(TypeKind.VARCHAR)), true),
            new Column("_file", ColumnType.of(TypeKind.VARCHAR), false)),
        List.of(List.of("id"), List.of("b", "c"), List.of("tags"), List.of("_file")),
        OptionalLong.of(1234),
        List.of(OptionalLong.of(1000), OptionalLong.empty(), OptionalLong.of(3), OptionalLong.of(1)),
        pinned, List.of("missing"), List.of("column 'é' has numbers and text: VARCHAR"), OptionalInt.of(3));
  }

  @Test
  void aSchemaComesBackFromItsBytesAsItWas() {
    assertThat(FileSchemaMemo.decode(FileSchemaMemo.encode(schema()))).contains(schema());
  }

  @Test
  void damagedBytesAreNoSchema() {
    byte[] bytes = FileSchemaMemo.encode(schema());
    assertThat(FileSchemaMemo.decode(Arrays.copyOf(bytes, bytes.length - 1))).isEmpty();
    assertThat(FileSchemaMemo.decode(Arrays.copyOf(bytes, bytes.length + 1))).isEmpty();
    assertThat(FileSchemaMemo.decode(new byte[] {0, 0, 0, 1, 0x7f, 0x7f, 0x7f, 0x7f})).isEmpty();
    assertThat(FileSchemaMemo.decode(new byte[0])).isEmpty();
  }

  private List<String> columns(Map<String, Object> settings) {
    return FileSources.open(dir, "jsonl", settings).columns().stream()
        .map(c -> c.name() + " " + c.type().kind()).toList();
  }

  @Test
  void filesAreSampledOncePerVersionAndSettings() throws IOException {
    String first = "{\"k\": 1, \"v\": \"a\"}\n";
    String second = "{\"k\": 1, \"v\": 2.5}\n";
    assertThat(second).hasSameSizeAs(first);
    Path file = Files.writeString(dir.resolve("t.jsonl"), first);
    Map<String, Object> settings = Map.of("path", "t.jsonl", "index_dir", "idx");
    assertThat(columns(settings)).containsExactly("k INTEGER", "v VARCHAR");
    try (Stream<Path> markers = Files.list(dir.resolve("idx/schema"))) {
      assertThat(markers).singleElement().satisfies(m -> assertThat(m.toString()).endsWith(".schema"));
    }
    // The same path, size and modification time are the same version (as for key indexes and order
    // checks): its columns are remembered, not sampled again.
    FileTime modified = Files.getLastModifiedTime(file);
    Files.writeString(file, second);
    Files.setLastModifiedTime(file, modified);
    assertThat(columns(settings)).containsExactly("k INTEGER", "v VARCHAR");
    // Other settings may infer otherwise: they sample.
    assertThat(columns(Map.of("path", "t.jsonl", "index_dir", "idx", "sample_size", 5)))
        .containsExactly("k INTEGER", "v DOUBLE");
    Files.setLastModifiedTime(file, FileTime.fromMillis(modified.toMillis() + 1000));
    assertThat(columns(settings)).containsExactly("k INTEGER", "v DOUBLE");
  }
}
