package io.xsql.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.file.FileSources.RecordingContext;
import io.xsql.spi.Aggregation;
import io.xsql.spi.Aggregation.Call;
import io.xsql.spi.Aggregation.Function;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.FilterOp;
import io.xsql.spi.Predicate;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanContext;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SourceException;
import io.xsql.spi.TypeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file declared sorted on its group columns counts its groups as it reads, whatever the chunks its runs
 * span: the same groups, in the same order, as counting its rows one by one.
 */
final class FileGroupsTest {
  @TempDir
  Path dir;

  /** Keys 1..n ascending, 0 to 5 rows each, then rows without a key (NULLs last); {@code v} NULL at times. */
  private static String lines(int keys, long seed) {
    Random r = new Random(seed);
    StringBuilder b = new StringBuilder();
    for (int k = 1; k <= keys + 1; k++) {
      for (int i = r.nextInt(6); i > 0; i--) {
        b.append("{\"k\": ").append(k > keys ? "null" : k).append(", \"pad\": \"").append("x".repeat(r.nextInt(40)))
            .append("\", \"v\": ").append(r.nextInt(4) == 0 ? "null" : r.nextInt(10)).append("}\n");
      }
    }
    return b.toString();
  }

  private FileTable table(String sortedBy) {
    Map<String, Object> settings = new LinkedHashMap<>(Map.of("path", "g.jsonl"));
    if (!sortedBy.isEmpty()) {
      settings.put("sorted_by", List.of(sortedBy));
    }
    return (FileTable) FileSources.open(dir, "jsonl", settings);
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

  /** The groups of (k, COUNT(*), COUNT(v)) counted from the rows, in the order of their first row. */
  private static List<List<Object>> counted(List<List<Object>> rows) {
    Map<Optional<Object>, long[]> groups = new LinkedHashMap<>();
    for (List<Object> row : rows) {
      long[] counts = groups.computeIfAbsent(Optional.ofNullable(row.get(0)), k -> new long[2]);
      counts[0]++;
      counts[1] += row.get(1) == null ? 0 : 1;
    }
    List<List<Object>> out = new ArrayList<>();
    groups.forEach((k, c) -> out.add(Arrays.asList(k.orElse(null), c[0], c[1])));
    return out;
  }

  private static Aggregation countsByK() {
    return new Aggregation(List.of(0), List.of(new Call(Function.COUNT, OptionalInt.empty()),
        new Call(Function.COUNT, OptionalInt.of(2))));
  }

  private static ScanRequest grouped(Aggregation aggregation, List<Predicate> filters) {
    return new ScanRequest(List.of(), filters, OptionalLong.empty(), Optional.empty(), Optional.of(aggregation),
        new RecordingContext());
  }

  @Test
  void everyChunkSizeGivesTheGroupsOfTheRowsInOrder() throws IOException {
    Files.writeString(dir.resolve("g.jsonl"), lines(300, 11));
    FileTable t = table("k");
    assertThat(t.canAggregate(countsByK())).isTrue();
    assertThat(t.groupsInOrder(countsByK())).isTrue();
    List<List<Object>> expected = counted(FileSources.read(t, ScanRequest.of(List.of(0, 2), new RecordingContext())));
    assertThat(expected.get(expected.size() - 1).get(0)).isNull();
    for (long chunk : new long[] {1, 7, 64, 333, 4096, 1 << 20}) {
      assertThat(drain(t.scan(grouped(countsByK(), List.of()), chunk))).as("chunk " + chunk)
          .containsExactlyElementsOf(expected);
    }
    Object five = t.columns().get(2).type().kind() == TypeKind.INTEGER ? (Object) 5 : (Object) 5L;
    Predicate small = new Predicate.Compare(2, FilterOp.LT, five);
    List<List<Object>> filtered = counted(FileSources.read(t, new ScanRequest(List.of(0, 2), List.of(small),
        OptionalLong.empty(), new RecordingContext())));
    assertThat(drain(t.scan(grouped(countsByK(), List.of(small)), 50))).containsExactlyElementsOf(filtered);
  }

  @Test
  void anEmptyFileHasNoGroups() throws IOException {
    Files.writeString(dir.resolve("g.jsonl"), "{\"k\": 1, \"pad\": \"a\", \"v\": 2}\n");
    FileTable t = table("k");
    Files.writeString(dir.resolve("g.jsonl"), "");
    assertThat(drain(t.scan(grouped(countsByK(), List.of()), 16))).isEmpty();
  }

  @Test
  void onlyCountsByTheLeadingSortKeysOfExactTypes() throws IOException {
    Files.writeString(dir.resolve("g.jsonl"), lines(20, 3));
    assertThat(table("").canAggregate(countsByK())).isFalse();
    FileTable t = table("k");
    assertThat(t.canAggregate(new Aggregation(List.of(2), List.of(new Call(Function.COUNT, OptionalInt.empty())))))
        .as("not led by v").isFalse();
    assertThat(t.canAggregate(new Aggregation(List.of(0), List.of(new Call(Function.SUM, OptionalInt.of(2))))))
        .as("SUM stays with the engine").isFalse();
    assertThat(t.canAggregate(new Aggregation(List.of(), List.of(new Call(Function.COUNT, OptionalInt.empty())))))
        .as("no group columns").isFalse();
    Files.writeString(dir.resolve("d.jsonl"), "{\"d\": 1.5}\n{\"d\": 2.5}\n");
    FileTable doubles = (FileTable) FileSources.open(dir, "jsonl", Map.of("path", "d.jsonl",
        "sorted_by", List.of("d")));
    assertThat(doubles.canAggregate(new Aggregation(List.of(0), List.of(new Call(Function.COUNT,
        OptionalInt.empty()))))).as("DOUBLE: -0.0 and 0.0 are one SQL group but not equal in Java").isFalse();
  }

  @Test
  void aCanceledQueryStopsWithinOneLongGroup() throws IOException {
    Files.writeString(dir.resolve("g.jsonl"), "{\"k\": 1, \"pad\": \"\", \"v\": 1}\n".repeat(20_000));
    FileTable t = table("k");
    ScanContext canceled = new ScanContext() {
      @Override
      public boolean isCanceled() {
        return true;
      }

      @Override
      public AutoCloseable onCancel(Runnable action) {
        return () -> { };
      }

      @Override
      public void warn(String message) {
        // Nothing is set aside here.
      }
    };
    ScanRequest request = new ScanRequest(List.of(), List.of(), OptionalLong.empty(), Optional.empty(),
        Optional.of(countsByK()), canceled);
    assertThatThrownBy(() -> drain(t.scan(request, 1 << 20))).isInstanceOfSatisfying(SourceException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.CANCELED));
    assertThat(drain(t.scan(grouped(countsByK(), List.of()), 1 << 20))).containsExactly(Arrays.asList(1, 20_000L, 20_000L));
  }
}
