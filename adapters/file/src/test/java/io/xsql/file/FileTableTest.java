package io.xsql.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.file.FileSources.RecordingContext;
import io.xsql.spi.CatalogException;
import io.xsql.spi.Column;
import io.xsql.spi.ColumnType;
import io.xsql.spi.DataTable;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.FilterOp;
import io.xsql.spi.Predicate;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SortOrder;
import io.xsql.spi.SourceException;
import io.xsql.spi.TypeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class FileTableTest {
  @TempDir
  Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static List<String> names(DataTable t) {
    return t.columns().stream().map(c -> c.name() + ":" + c.type()).toList();
  }

  @Test
  void infersCsvTypesFromASample() throws IOException {
    write("a.csv", "id,name,score,joined,flag,zip\n1,Ann,1.5,2020-01-01,true,00501\n2,Bob,,2021-02-03,false,90210\n");
    DataTable t = FileSources.open(dir, "csv", Map.of("path", "a.csv"));
    assertThat(names(t)).containsExactly("id:INTEGER", "name:VARCHAR", "score:DOUBLE", "joined:DATE",
        "flag:BOOLEAN", "zip:VARCHAR");
    assertThat(FileSources.read(t, new RecordingContext()))
        .containsExactly(List.of(1, "Ann", 1.5, 18262, true, "00501"),
            java.util.Arrays.asList(2, "Bob", null, 18661, false, "90210"));
  }

  @Test
  void pinnedTypesWinOverInference() throws IOException {
    write("a.csv", "id,price\n1,10\n");
    DataTable t = FileSources.open(dir, "csv", Map.of("path", "a.csv",
        "columns", Map.of("id", "BIGINT", "price", "DECIMAL(8,2)")));
    assertThat(t.columns()).containsExactly(new Column("id", ColumnType.of(TypeKind.BIGINT), true),
        new Column("price", ColumnType.decimal(8, 2), true));
    assertThat(FileSources.read(t, new RecordingContext()).get(0))
        .containsExactly(1L, new java.math.BigDecimal("10.00"));
  }

  @Test
  void infersJsonlTypesWideningConflicts() throws IOException {
    write("a.jsonl", """
        {"id": 1, "v": 1, "tags": ["x"], "when": "2020-01-01", "o": {"k": 1}}
        {"id": 3000000000, "v": 2.5, "tags": [], "when": "2020-01-02T03:04:05", "mixed": 1}

        {"id": 2, "v": null, "mixed": "one"}
        """);
    DataTable t = FileSources.open(dir, "jsonl", Map.of("path", "a.jsonl"));
    assertThat(names(t)).containsExactly("id:BIGINT", "v:DOUBLE", "tags:VARCHAR", "when:TIMESTAMP",
        "o.k:INTEGER", "mixed:VARCHAR");
    List<List<Object>> rows = FileSources.read(t, new RecordingContext());
    assertThat(rows.get(0)).containsExactly(1L, 1.0, "[\"x\"]", 1577836800000L, 1, null);
    assertThat(rows.get(2)).containsExactly(2L, null, null, null, null, "one");
  }

  @Test
  void nestedObjectsBecomeColumnsUpToTheDepthAndWideningIsReported() throws IOException {
    write("n.jsonl", """
        {"id": 1, "user": {"name": "Ann", "address": {"city": "Lyon", "geo": {"lat": 45.7}}}, "n": 1}
        {"id": 2, "user": null, "n": 2.5}
        {"id": 3, "user": {"name": "Bob", "address": {"city": "Nice", "geo": {"lat": 43.7}}}, "n": 3}
        """);
    DataTable deep = FileSources.open(dir, "jsonl", Map.of("path", "n.jsonl"));
    assertThat(names(deep)).containsExactly("id:INTEGER", "user.name:VARCHAR", "user.address.city:VARCHAR",
        "user.address.geo.lat:DOUBLE", "n:DOUBLE");
    assertThat(FileSources.read(deep, new RecordingContext())).containsExactly(List.of(1, "Ann", "Lyon", 45.7, 1.0),
        java.util.Arrays.asList(2, null, null, null, 2.5), List.of(3, "Bob", "Nice", 43.7, 3.0));
    DataTable shallow = FileSources.open(dir, "jsonl", Map.of("path", "n.jsonl", "flatten_depth", "1"));
    assertThat(names(shallow)).containsExactly("id:INTEGER", "user.name:VARCHAR", "user.address:VARCHAR",
        "n:DOUBLE");
    assertThat(FileSources.read(shallow, new RecordingContext()).get(0).get(2))
        .isEqualTo("{\"city\":\"Lyon\",\"geo\":{\"lat\":45.7}}");
    assertThat(FileSources.notes(dir, "jsonl", Map.of("path", "n.jsonl")))
        .containsExactly("column 'n' held INTEGER and DOUBLE values; read as DOUBLE");
  }

  @Test
  void readsOnlyWhatTheScanAsksFor() throws IOException {
    write("a.jsonl", "{\"a\": 1, \"b\": \"x\", \"c\": true}\n{\"a\": 2, \"b\": \"y\", \"c\": false}\n"
        + "{\"a\": 3, \"b\": \"z\", \"c\": true}\n");
    DataTable t = FileSources.open(dir, "jsonl", Map.of("path", "a.jsonl"));
    assertThat(t.canFilter(0, FilterOp.GT)).isTrue();
    ScanRequest request = new ScanRequest(List.of(1), List.of(new Predicate.Compare(2, FilterOp.EQ, true)),
        OptionalLong.of(1), new RecordingContext());
    assertThat(FileSources.read(t, request)).containsExactly(List.of("x"));
    ScanRequest none = new ScanRequest(List.of(), List.of(new Predicate.Compare(0, FilterOp.GE, 2)),
        OptionalLong.empty(), new RecordingContext());
    assertThat(FileSources.read(t, none)).hasSize(2).allMatch(List::isEmpty);
  }

  @Test
  void aMalformedRowFailsNamingFileLineAndColumn() throws IOException {
    Path file = write("a.csv", "id,name\n1,a\nabc,b\n");
    DataTable t = FileSources.open(dir, "csv", Map.of("path", "a.csv", "columns", Map.of("id", "INTEGER")));
    assertThatThrownBy(() -> FileSources.read(t, new RecordingContext()))
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA_TYPE))
        .hasMessage(file + ":3: column 'id': expected INTEGER but got 'abc'");
  }

  @Test
  void malformedJsonFailsWithLineAndColumn() throws IOException {
    Path file = write("a.jsonl", "{\"id\": 1}\n{\"id\": 2,,}\n");
    DataTable t = FileSources.open(dir, "jsonl", Map.of("path", "a.jsonl"));
    assertThatThrownBy(() -> FileSources.read(t, new RecordingContext()))
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA))
        .hasMessage(file + ":2:10: expected a field name in double quotes");
  }

  @Test
  void skipModeLeavesBadRowsOutAndWarnsWithTheCount() throws IOException {
    write("a.jsonl", "{\"id\": 1}\n[1, 2]\n{\"id\": \"x\"}\n{\"id\": 4}\nnot json\n");
    DataTable t = FileSources.open(dir, "jsonl", Map.of("path", "a.jsonl", "on_error", "skip",
        "columns", Map.of("id", "INTEGER")));
    RecordingContext context = new RecordingContext();
    assertThat(FileSources.read(t, context)).containsExactly(List.of(1), List.of(4));
    assertThat(context.warnings).singleElement().asString()
        .startsWith("skipped 3 malformed rows in ").contains("a.jsonl:2:1: expected a JSON object");
  }

  @Test
  void raggedCsvRowsAreMalformed() throws IOException {
    write("a.csv", "a,b\n1,2\n3\n4,5,6\n7,8\n");
    DataTable t = FileSources.open(dir, "csv", Map.of("path", "a.csv", "on_error", "skip"));
    RecordingContext context = new RecordingContext();
    assertThat(FileSources.read(t, context)).containsExactly(List.of(1, 2), List.of(7, 8));
    assertThat(context.warnings.get(0)).contains("skipped 2 malformed rows").contains(":3: expected 2 fields but found 1");
  }

  @Test
  void invalidUtf8FailsInsteadOfBeingReplaced() throws IOException {
    Path file = dir.resolve("a.csv");
    Files.write(file, new byte[] {'a', '\n', 'o', 'k', '\n', (byte) 0xC3, (byte) 0x28, '\n'});
    DataTable t = FileSources.open(dir, "csv", Map.of("path", "a.csv"));
    assertThatThrownBy(() -> FileSources.read(t, new RecordingContext()))
        .isInstanceOf(SourceException.class).hasMessage(file + ":3: column 'a': bytes that are not valid UTF-8");
    Files.write(file, new byte[] {(byte) 0xFF, 'a', '\n'});
    DataTable unreadable = FileSources.open(dir, "csv", Map.of("path", "a.csv"));
    assertThatThrownBy(unreadable::columns).hasMessage(file + ": bytes that are not valid UTF-8");
  }

  @Test
  void aHeaderOnlyCsvIsAnEmptyTable() throws IOException {
    write("a.csv", "id,name\n");
    DataTable t = FileSources.open(dir, "csv", Map.of("path", "a.csv"));
    assertThat(names(t)).containsExactly("id:VARCHAR", "name:VARCHAR");
    assertThat(FileSources.read(t, new RecordingContext())).isEmpty();
  }

  @Test
  void anEmptyFileNeedsPinnedColumns() throws IOException {
    write("a.jsonl", "");
    DataTable empty = FileSources.open(dir, "jsonl", Map.of("path", "a.jsonl"));
    assertThatThrownBy(empty::columns).isInstanceOf(SourceException.class)
        .hasMessageContaining("has no records to infer columns from");
    DataTable t = FileSources.open(dir, "jsonl", Map.of("path", "a.jsonl", "columns", Map.of("id", "INT")));
    assertThat(FileSources.read(t, new RecordingContext())).isEmpty();
  }

  @Test
  void headerlessCsvTakesNamesFromPinnedColumnsOrNumbersThem() throws IOException {
    write("a.tsv", "1\tx\n2\ty\n");
    DataTable numbered = FileSources.open(dir, "tsv", Map.of("path", "a.tsv", "header", "false"));
    assertThat(names(numbered)).containsExactly("column1:INTEGER", "column2:VARCHAR");
    Map<String, Object> columns = new java.util.LinkedHashMap<>();
    columns.put("id", "INTEGER");
    columns.put("name", "TEXT");
    DataTable named = FileSources.open(dir, "tsv", Map.of("path", "a.tsv", "header", "false",
        "columns", columns));
    assertThat(FileSources.read(named, new RecordingContext())).containsExactly(List.of(1, "x"), List.of(2, "y"));
  }

  @Test
  void nullStringAndCustomDialect() throws IOException {
    write("a.csv", "id;name\n1;NA\n2;'x;y'\n");
    DataTable t = FileSources.open(dir, "csv", Map.of("path", "a.csv", "delimiter", ";", "quote", "'",
        "null_string", "NA"));
    assertThat(FileSources.read(t, new RecordingContext()))
        .containsExactly(java.util.Arrays.asList(1, null), List.of(2, "x;y"));
  }

  @Test
  void skipModeChecksEveryColumnSoRowsDoNotDependOnTheQuery() throws IOException {
    write("a.csv", "id,name\n1,a\nx,b\n3,c\n");
    DataTable t = FileSources.open(dir, "csv", Map.of("path", "a.csv", "on_error", "skip",
        "columns", Map.of("id", "INTEGER")));
    ScanRequest namesOnly = ScanRequest.of(List.of(1), new RecordingContext());
    ScanRequest none = ScanRequest.of(List.of(), new RecordingContext());
    assertThat(FileSources.read(t, namesOnly)).containsExactly(List.of("a"), List.of("c"));
    assertThat(FileSources.read(t, none)).hasSize(2);
  }

  @Test
  void repeatedHeaderNamesGetASuffix() throws IOException {
    write("a.csv", "a,b,a\n1,2,3\n");
    DataTable t = FileSources.open(dir, "csv", Map.of("path", "a.csv"));
    assertThat(names(t)).containsExactly("a:INTEGER", "b:INTEGER", "a_2:INTEGER");
    assertThat(FileSources.read(t, new RecordingContext())).containsExactly(List.of(1, 2, 3));
  }

  @Test
  void tsvTakesQuotesAsData() throws IOException {
    write("a.tsv", "id\tcomment\n1\t\"Great\" product\n");
    DataTable t = FileSources.open(dir, "tsv", Map.of("path", "a.tsv"));
    assertThat(FileSources.read(t, new RecordingContext())).containsExactly(List.of(1, "\"Great\" product"));
  }

  @Test
  void anInferredColumnRefusesTextItWasNotInferredFrom() throws IOException {
    StringBuilder csv = new StringBuilder("zip,city\n");
    for (int i = 0; i < 5; i++) {
      csv.append(10_000 + i).append(",c").append(i).append('\n');
    }
    Path file = write("z.csv", csv.append("01234,late\n").toString());
    DataTable t = FileSources.open(dir, "csv", Map.of("path", "z.csv", "sample_size", "5"));
    assertThatThrownBy(() -> FileSources.read(t, new RecordingContext()))
        .hasMessageStartingWith(file + ":7: column 'zip': expected INTEGER but got '01234'");
  }

  @Test
  void theVersionChangesWithTheFile() throws IOException {
    Path file = write("a.jsonl", "{\"k\": 1}\n");
    DataTable t = FileSources.open(dir, "jsonl", Map.of("path", "a.jsonl"));
    Object before = t.version().orElseThrow();
    Files.writeString(file, "{\"k\": 1}\n{\"k\": 2}\n");
    assertThat(t.version()).isPresent().get().isNotEqualTo(before);
  }

  @Test
  void declaresSortOrderAndSize() throws IOException {
    write("a.jsonl", "{\"k\": 1, \"v\": 1}\n{\"k\": 2, \"v\": 2}\n");
    DataTable t = FileSources.open(dir, "jsonl", Map.of("path", "a.jsonl", "sorted_by", List.of("k", "v desc")));
    assertThat(t.sortOrder()).contains(new SortOrder(List.of(new SortOrder.Key(0, false),
        new SortOrder.Key(1, true))));
    assertThat(t.estimatedRowCount()).hasValue(2);
    assertThat(t.backingFile()).contains(dir.resolve("a.jsonl"));
  }

  @Test
  void estimatesDistinctValuesFromTheSample() throws IOException {
    // 5,000 records: a key, a column of 7 values, one of 900 random values; a sample of the first 1,000.
    StringBuilder csv = new StringBuilder("id,color,code\n");
    StringBuilder jsonl = new StringBuilder();
    Random random = new Random(20261206);
    for (int i = 0; i < 5000; i++) {
      int code = random.nextInt(900);
      csv.append(i).append(",c").append(i % 7).append(',').append(code).append('\n');
      jsonl.append("{\"id\": ").append(i).append(", \"color\": \"c").append(i % 7).append("\", \"code\": ")
          .append(code).append("}\n");
    }
    write("d.csv", csv.toString());
    write("d.jsonl", jsonl.toString());
    for (DataTable t : List.of(FileSources.open(dir, "csv", Map.of("path", "d.csv")),
        FileSources.open(dir, "jsonl", Map.of("path", "d.jsonl")))) {
      long rows = t.estimatedRowCount().orElseThrow();
      assertThat(t.distinctValues(0)).hasValue(rows);
      assertThat(t.distinctValues(1)).hasValue(7);
      // About 600 of the 900 seen in the sample, a third of them once: the estimate reaches beyond them.
      assertThat(t.distinctValues(2).orElseThrow()).isBetween(700L, 1_200L);
    }
  }

  @Test
  void aColumnTheFileIsGroupedOnIsEstimatedFromItsRuns() throws IOException {
    // Part keys in runs of 4 (as TPC-H's partsupp is written), supplier keys interleaved, regions in three
    // runs: the first 1,000 records show 250 part keys of 2,000, so their count says nothing of the file's,
    // but their runs do; the supplier keys are counted as other columns are; one run of regions says nothing.
    StringBuilder csv = new StringBuilder("part,supplier,region\n");
    for (int i = 0; i < 8000; i++) {
      csv.append(i / 4).append(',').append((i / 4 + (i % 4) * 250) % 1000).append(',').append(i / 3000)
          .append('\n');
    }
    write("g.csv", csv.toString());
    DataTable t = FileSources.open(dir, "csv", Map.of("path", "g.csv"));
    long rows = t.estimatedRowCount().orElseThrow();
    assertThat(rows).isBetween(7_000L, 9_000L);
    assertThat(t.distinctValues(0)).hasValue(Math.round(rows / 4.0));
    assertThat(t.distinctValues(1)).isPresent();
    assertThat(t.distinctValues(2)).isEmpty();
  }

  @Test
  void aGroupedColumnSampledWholeCountsItsValues() throws IOException {
    StringBuilder csv = new StringBuilder("part\n");
    for (int i = 0; i < 400; i++) {
      csv.append(i / 4).append('\n');
    }
    write("w.csv", csv.toString());
    DataTable t = FileSources.open(dir, "csv", Map.of("path", "w.csv"));
    assertThat(t.distinctValues(0)).hasValue(100);
  }

  @Test
  void badSettingsFailNamingTheKey() throws IOException {
    write("a.csv", "a\n1\n");
    assertThatThrownBy(() -> FileSources.open(dir, "csv", Map.of("path", "missing.csv")))
        .isInstanceOf(CatalogException.class).hasMessageContaining("key 'path': file not found: ")
        .hasMessageContaining("missing.csv");
    assertThatThrownBy(() -> FileSources.open(dir, "csv", Map.of("path", "a.csv", "sorted_by", "nope")))
        .hasMessageContaining("key 'sorted_by': no column 'nope'");
    assertThatThrownBy(() -> FileSources.open(dir, "jsonl", Map.of("path", "a.csv", "delimiter", ";")))
        .hasMessageContaining("unknown key 'delimiter'");
    assertThatThrownBy(() -> FileSources.open(dir, "csv", Map.of("path", "a.csv", "on_error", "ignore")))
        .hasMessageContaining("key 'on_error': expected one of [fail, skip, null] but got 'ignore'");
    assertThatThrownBy(() -> FileSources.open(dir, "csv", Map.of("path", "a.csv", "columns", Map.of("a", "INTEGR"))))
        .hasMessageContaining("column 'a': unknown type 'INTEGR'");
    assertThatThrownBy(() -> FileSources.open(dir, "csv", Map.of("path", "a.csv", "columns", Map.of("a", "DECIMAL"))))
        .hasMessageContaining("DECIMAL needs a precision and a scale");
    assertThatThrownBy(() -> FileSources.open(dir, "csv", Map.of("path", "a.csv", "columns",
        Map.of("a", "DECIMAL ARRAY")))).hasMessageContaining("column 'a': DECIMAL needs a precision and a scale");
    assertThatThrownBy(() -> FileSources.open(dir, "jsonl", Map.of("path", "a.csv", "columns",
        Map.of("a", "text[]")))).isInstanceOf(CatalogException.class)
        .hasMessageContaining("key 'columns': column 'a': file sources have no VARCHAR ARRAY columns");
    assertThatThrownBy(() -> FileSources.open(dir, "csv", Map.of("path", "a.csv", "columns", Map.of("b", "INT"))))
        .isInstanceOf(CatalogException.class).hasMessageContaining("key 'columns': columns [b] are not in the header");
  }
}
