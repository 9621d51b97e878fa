package io.xsql.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.file.FileSources.RecordingContext;
import io.xsql.spi.CatalogException;
import io.xsql.spi.DataTable;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.FilterOp;
import io.xsql.spi.KeyLookup;
import io.xsql.spi.Predicate;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanContext;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SourceException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class FileLookupTest {
  private static final String ALPHABET = "abcxyz \",\n\\é€'";

  @TempDir
  Path dir;

  private DataTable open(String type, String file, Map<String, Object> extra) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("path", file);
    settings.put("index_dir", "idx");
    settings.putAll(extra);
    return FileSources.open(dir, type, settings);
  }

  private static FileLookup lookupOf(DataTable table) {
    return (FileLookup) table.keyLookup().orElseThrow();
  }

  private static int column(DataTable table, String name) {
    return IntStream.range(0, table.columns().size()).filter(i -> table.columns().get(i).name().equals(name))
        .findFirst().orElseThrow();
  }

  private static List<Integer> all(DataTable table) {
    return IntStream.range(0, table.columns().size()).boxed().toList();
  }

  private static List<List<Object>> lookup(DataTable table, List<Integer> keyColumns, List<List<Object>> keys,
      List<Integer> columns, List<Predicate> filters) {
    List<List<Object>> rows = new ArrayList<>();
    ScanRequest request = new ScanRequest(columns, filters, OptionalLong.empty(), new RecordingContext());
    try (RowCursor c = table.keyLookup().orElseThrow().lookup(keyColumns, keys, request)) {
      while (c.next()) {
        rows.add(Arrays.asList(c.current()));
      }
    }
    return rows;
  }

  /** The reference: a full scan, then the rows whose key equals one of the keys as SQL compares. */
  private static List<List<Object>> scanned(DataTable table, List<Integer> keyColumns, List<List<Object>> keys,
      List<Integer> columns, List<Predicate> filters) {
    List<List<Object>> out = new ArrayList<>();
    for (List<Object> row : FileSources.read(table, new ScanRequest(all(table), filters, OptionalLong.empty(),
        new RecordingContext()))) {
      boolean hit = keys.stream().anyMatch(key -> IntStream.range(0, key.size())
          .allMatch(i -> sqlEquals(row.get(keyColumns.get(i)), key.get(i))));
      if (hit) {
        out.add(columns.stream().map(row::get).toList());
      }
    }
    return out;
  }

  private static boolean sqlEquals(Object a, Object b) {
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof BigDecimal x) {
      return x.compareTo((BigDecimal) b) == 0;
    }
    if (a instanceof Double x) {
      return x.doubleValue() == (Double) b;
    }
    return a.equals(b);
  }

  /** Checks lookups by these columns against the reference for keys taken from the rows and made up. */
  private static void checkLookups(DataTable table, Random random, List<String> keyNames,
      List<List<Object>> madeUp) {
    List<Integer> keyColumns = keyNames.stream().map(n -> column(table, n)).toList();
    List<List<Object>> rows = FileSources.read(table, new RecordingContext());
    LinkedHashSet<List<Object>> keys = new LinkedHashSet<>(madeUp);
    for (int i = 0; i < 25; i++) {
      List<Object> row = rows.get(random.nextInt(rows.size()));
      List<Object> key = keyColumns.stream().map(row::get).toList();
      if (!key.contains(null)) {
        keys.add(key);
      }
    }
    List<List<Object>> keyList = List.copyOf(keys);
    List<Integer> columns = new ArrayList<>(all(table));
    Collections.shuffle(columns, random);
    List<List<Object>> expected = scanned(table, keyColumns, keyList, columns, List.of());
    assertThat(expected).isNotEmpty();
    assertThat(lookup(table, keyColumns, keyList, columns, List.of()))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  private static String text(Random random) {
    StringBuilder s = new StringBuilder("k");
    for (int n = random.nextInt(6); n > 0; n--) {
      s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }

  private static String json(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
  }

  private static String csv(String s) {
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  private Path randomJsonl(Random random, int rows) throws IOException {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < rows; i++) {
      List<String> fields = new ArrayList<>();
      fields.add("\"n\": " + i);
      if (random.nextInt(20) > 0) {
        fields.add("\"id\": " + random.nextInt(60));
      }
      if (random.nextInt(20) > 0) {
        fields.add("\"name\": " + json(text(random)));
      }
      fields.add("\"amount\": " + (random.nextBoolean() ? "null" : random.nextInt(40) + "." + random.nextInt(10)
          + (random.nextBoolean() ? "0" : "")));
      fields.add("\"d\": " + (random.nextInt(10) == 0 ? "-0.0" : random.nextInt(5) + ".5"));
      fields.add("\"user\": {\"city\": " + json(text(random)) + "}");
      Collections.shuffle(fields, random);
      out.append('{').append(String.join(", ", fields)).append("}\n");
      if (random.nextInt(50) == 0) {
        out.append("\n");
      }
    }
    return Files.writeString(dir.resolve("a.jsonl"), out);
  }

  @Test
  void jsonlLookupsEqualAFilteredScan() throws IOException {
    Random random = new Random(42);
    randomJsonl(random, 800);
    DataTable t = open("jsonl", "a.jsonl", Map.of("columns", Map.of("amount", "DECIMAL(10,2)")));
    checkLookups(t, random, List.of("id"), List.of(List.of(61), List.of(1000)));
    checkLookups(t, random, List.of("name"), List.of(List.of("absent")));
    checkLookups(t, random, List.of("id", "name"), List.of(List.of(1, "absent")));
    checkLookups(t, random, List.of("user.city"), List.of());
    // SQL equality: 12.5 finds 12.50, 0.0 finds -0.0.
    checkLookups(t, random, List.of("amount"), List.of(List.of(new BigDecimal("3.5")), List.of(BigDecimal.ZERO)));
    checkLookups(t, random, List.of("d"), List.of(List.of(0.0d)));
    assertThat(lookup(t, List.of(column(t, "d")), List.of(List.of(0.0d)), List.of(column(t, "d")), List.of()))
        .contains(List.of(-0.0d));
  }

  @Test
  void csvLookupsEqualAFilteredScanWithQuotedCommasQuotesAndNewlines() throws IOException {
    Random random = new Random(7);
    StringBuilder out = new StringBuilder("id,name,amount,code\n");
    for (int i = 0; i < 800; i++) {
      String id = random.nextInt(20) == 0 ? "" : String.valueOf(random.nextInt(60));
      String name = random.nextInt(20) == 0 ? "" : random.nextInt(20) == 0 ? "\"\"" : csv(text(random));
      String amount = random.nextInt(10) == 0 ? "" : random.nextInt(40) + "." + random.nextInt(10)
          + (random.nextBoolean() ? "0" : "");
      out.append(id).append(',').append(name).append(',').append(amount).append(",c").append(i % 7)
          .append(random.nextBoolean() ? "\r\n" : "\n");
    }
    Files.writeString(dir.resolve("a.csv"), out);
    DataTable t = open("csv", "a.csv", Map.of("columns", Map.of("amount", "DECIMAL(10,2)")));
    checkLookups(t, random, List.of("id"), List.of(List.of(99)));
    checkLookups(t, random, List.of("name"), List.of(List.of(""), List.of("nope")));
    checkLookups(t, random, List.of("code", "id"), List.of(List.of("c9", 1)));
    checkLookups(t, random, List.of("amount"), List.of(List.of(new BigDecimal("7.5"))));
  }

  @Test
  void filtersAndProjectionApplyToLookedUpRows() throws IOException {
    Files.writeString(dir.resolve("t.tsv"), "id\tv\tw\n1\t10\tx\n2\t20\ty\n1\t30\tz\n1\t\tq\n");
    DataTable t = open("tsv", "t.tsv", Map.of());
    List<Predicate> filters = List.of(new Predicate.Compare(1, FilterOp.GE, 20));
    assertThat(lookup(t, List.of(0), List.of(List.of(1), List.of(2)), List.of(2, 0), filters))
        .containsExactlyInAnyOrder(List.of("z", 1), List.of("y", 2));
    assertThat(lookup(t, List.of(0), List.of(List.of(3)), List.of(2), List.of())).isEmpty();
  }

  @Test
  void anIndexIsReusedWhileTheFileIsUnchangedAndRebuiltAfter() throws IOException {
    Path data = Files.writeString(dir.resolve("a.jsonl"), "{\"id\": 1, \"v\": \"a\"}\n{\"id\": 2, \"v\": \"b\"}\n");
    DataTable t = open("jsonl", "a.jsonl", Map.of());
    assertThat(lookup(t, List.of(0), List.of(List.of(2)), List.of(1), List.of())).containsExactly(List.of("b"));
    assertThat(lookup(t, List.of(0), List.of(List.of(1)), List.of(1), List.of())).containsExactly(List.of("a"));
    assertThat(lookupOf(t).builds()).isEqualTo(1);
    Path index = lookupOf(t).indexPath(List.of(0));
    FileTime built = Files.getLastModifiedTime(index);
    Object fileKey = Files.readAttributes(index, "unix:ino").get("ino");

    // Another connection finds the index on disk.
    DataTable again = open("jsonl", "a.jsonl", Map.of());
    assertThat(lookup(again, List.of(0), List.of(List.of(2)), List.of(1), List.of())).containsExactly(List.of("b"));
    assertThat(lookupOf(again).builds()).isZero();
    assertThat(Files.getLastModifiedTime(index)).isEqualTo(built);
    assertThat(Files.readAttributes(index, "unix:ino").get("ino")).isEqualTo(fileKey);

    Files.writeString(data, "{\"id\": 3, \"v\": \"c\"}\n", StandardOpenOption.APPEND);
    assertThat(lookup(t, List.of(0), List.of(List.of(3), List.of(1)), List.of(1), List.of()))
        .containsExactlyInAnyOrder(List.of("c"), List.of("a"));
    assertThat(lookupOf(t).builds()).isEqualTo(2);
    assertThat(Files.readAttributes(index, "unix:ino").get("ino")).isNotEqualTo(fileKey);
  }

  @Test
  void aCanceledLookupStops() throws IOException {
    Files.writeString(dir.resolve("a.jsonl"), "{\"id\": 1}\n{\"id\": 1}\n");
    DataTable t = open("jsonl", "a.jsonl", Map.of());
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
        // Nothing to keep.
      }
    };
    try (RowCursor c = t.keyLookup().orElseThrow().lookup(List.of(0), List.of(List.of(1)),
        ScanRequest.of(List.of(0), canceled))) {
      assertThat(c.next()).isFalse();
    }
    assertThat(lookup(t, List.of(0), List.of(List.of(1)), List.of(0), List.of())).hasSize(2);
  }

  @Test
  void indexDirIsHonouredAndNamedByDescribe() throws IOException {
    Files.writeString(dir.resolve("a.csv"), "id,v\n1,a\n");
    DataTable t = open("csv", "a.csv", Map.of("index_dir", "cache/indexes"));
    KeyLookup lookup = t.keyLookup().orElseThrow();
    assertThat(lookup.supports(List.of(0))).isTrue();
    assertThat(lookup.supports(List.of(1, 0))).isTrue();
    assertThat(lookup.supports(List.of())).isFalse();
    assertThat(lookup.maxBatchSize()).isEqualTo(10_000);
    assertThat(lookup(t, List.of(0), List.of(List.of(1)), List.of(1), List.of())).containsExactly(List.of("a"));
    try (Stream<Path> files = Files.list(dir.resolve("cache/indexes"))) {
      Path index = files.filter(f -> f.toString().endsWith(".idx")).findFirst().orElseThrow();
      assertThat(lookup.describe(List.of(1, 0))).startsWith("index " + dir.resolve("cache/indexes"))
          .endsWith(" on (v, id)");
      assertThat(lookup.describe(List.of(0))).isEqualTo("index " + index + " on (id)");
    }
    Files.writeString(dir.resolve("file"), "");
    assertThatThrownBy(() -> open("csv", "a.csv", Map.of("index_dir", "file")))
        .isInstanceOf(CatalogException.class).hasMessageContaining("key 'index_dir': is not a folder");
  }

  @Test
  void theFileColumnIsNoKeyButCanBeReturned() throws IOException {
    Files.writeString(dir.resolve("a.jsonl"), "{\"id\": 1}\n");
    DataTable t = open("jsonl", "a.jsonl", Map.of("file_column", "true"));
    assertThat(t.keyLookup().orElseThrow().supports(List.of(1))).isFalse();
    assertThat(lookup(t, List.of(0), List.of(List.of(1)), List.of(1, 0), List.of()))
        .containsExactly(List.of("a.jsonl", 1));
  }

  @Test
  void aMalformedRecordFailsTheBuildNamingFileAndLine() throws IOException {
    Files.writeString(dir.resolve("a.jsonl"), "{\"id\": 1}\n{\"id\": 2}\n{\"id\": 3, oops}\n");
    DataTable t = open("jsonl", "a.jsonl", Map.of());
    assertThatThrownBy(() -> lookup(t, List.of(0), List.of(List.of(1)), List.of(0), List.of()))
        .isInstanceOf(SourceException.class).hasMessageContaining("a.jsonl:3")
        .extracting(e -> ((SourceException) e).code()).isEqualTo(ErrorCode.DATA);

    Files.writeString(dir.resolve("a.csv"), "id,v\n1,\"a\nb\"\n2,b\n3\n");
    DataTable csv = open("csv", "a.csv", Map.of());
    assertThatThrownBy(() -> lookup(csv, List.of(0), List.of(List.of(1)), List.of(0), List.of()))
        .isInstanceOf(SourceException.class).hasMessageContaining("a.csv:5: expected 2 fields but found 1");
  }

  @Test
  void aBadValueInALookedUpRecordFailsNamingItsLineOrIsSetAsideAsTheScanWould() throws IOException {
    Files.writeString(dir.resolve("a.jsonl"),
        "{\"id\": 1, \"v\": 1}\n\n{\"id\": 2, \"v\": \"x\"}\n{\"id\": 2, \"v\": 5}\n");
    Map<String, Object> pinned = Map.of("columns", Map.of("v", "INTEGER"));
    DataTable t = open("jsonl", "a.jsonl", pinned);
    assertThat(lookup(t, List.of(0), List.of(List.of(1)), List.of(1), List.of())).containsExactly(List.of(1));
    assertThatThrownBy(() -> lookup(t, List.of(0), List.of(List.of(2)), List.of(1), List.of()))
        .isInstanceOf(SourceException.class).hasMessageContaining("a.jsonl:3");

    Map<String, Object> skip = new LinkedHashMap<>(pinned);
    skip.put("on_error", "skip");
    DataTable skipping = open("jsonl", "a.jsonl", skip);
    assertThat(lookup(skipping, List.of(0), List.of(List.of(2)), List.of(0, 1), List.of()))
        .containsExactlyElementsOf(scanned(skipping, List.of(0), List.of(List.of(2)), List.of(0, 1), List.of()))
        .containsExactly(List.of(2, 5));
    Map<String, Object> nulls = new LinkedHashMap<>(pinned);
    nulls.put("on_error", "null");
    DataTable nulling = open("jsonl", "a.jsonl", nulls);
    assertThat(lookup(nulling, List.of(0), List.of(List.of(2)), List.of(1), List.of()))
        .containsExactlyInAnyOrder(Arrays.asList((Object) null), List.of(5));
  }

  @Test
  void onlyOneUncompressedJsonlOrCsvFileHasLookups() throws IOException {
    Files.writeString(dir.resolve("a.json"), "[{\"id\": 1}]");
    Files.writeString(dir.resolve("a.xml"), "<r><i><id>1</id></i></r>");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("a.jsonl.gz")))) {
      out.write("{\"id\": 1}\n".getBytes(StandardCharsets.UTF_8));
    }
    Files.createDirectories(dir.resolve("many"));
    Files.writeString(dir.resolve("many/1.jsonl"), "{\"id\": 1}\n");
    Files.writeString(dir.resolve("many/2.jsonl"), "{\"id\": 2}\n");
    Files.write(dir.resolve("u16.csv"), "id\n1\n".getBytes(StandardCharsets.UTF_16));
    assertThat(open("json", "a.json", Map.of()).keyLookup()).isEmpty();
    assertThat(open("xml", "a.xml", Map.of()).keyLookup()).isEmpty();
    assertThat(open("jsonl", "a.jsonl.gz", Map.of()).keyLookup()).isEmpty();
    assertThat(open("jsonl", "many", Map.of()).keyLookup()).isEmpty();
    assertThat(open("csv", "u16.csv", Map.of("encoding", "UTF-16")).keyLookup()).isEmpty();
    Files.writeString(dir.resolve("one.jsonl"), "{\"id\": 1}\n");
    assertThat(open("jsonl", "one.jsonl", Map.of()).keyLookup()).isPresent();
  }

  @Test
  void aLargeFileIsIndexedInSortedRunsAndMerged() throws IOException {
    int rows = 300_000;
    try (Writer out = Files.newBufferedWriter(dir.resolve("big.jsonl"))) {
      for (int i = 0; i < rows; i++) {
        out.write("{\"id\": " + i + ", \"k\": \"key" + i % 1000 + "\"}\n");
      }
    }
    DataTable t = open("jsonl", "big.jsonl", Map.of());
    List<List<Object>> keys = List.of(List.of(0), List.of(123_456), List.of(rows - 1), List.of(rows));
    assertThat(lookup(t, List.of(0), keys, List.of(0, 1), List.of()))
        .containsExactlyInAnyOrder(List.of(0, "key0"), List.of(123_456, "key456"), List.of(rows - 1, "key999"));
    assertThat(lookup(t, List.of(1), List.of(List.of("key7")), List.of(0), List.of())).hasSize(rows / 1000);
    assertThat(Files.size(lookupOf(t).indexPath(List.of(0))))
        .isEqualTo(FileIndex.headerLength("id") + 16L * rows);
  }
}
