package io.xsql.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.spi.Column;
import io.xsql.spi.ColumnType;
import io.xsql.spi.DataTable;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.FilterOp;
import io.xsql.spi.Predicate;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanContext;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SourceException;
import io.xsql.spi.TypeKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

final class JavaTablesTest {
  record Person(int id, String name, LocalDate born, BigDecimal salary, Instant seen, UUID key) {}

  record Post(int id, List<String> tags, List<Integer> votes, List<BigDecimal> prices, List<Object> misc) {}

  /** A bean: columns in field order, then the remaining getters by name. */
  public static final class Bean {
    private final long id;
    private final boolean active;

    Bean(long id, boolean active) {
      this.id = id;
      this.active = active;
    }

    public long getId() {
      return id;
    }

    public boolean isActive() {
      return active;
    }

    public String getLabel() {
      return "bean" + id;
    }
  }

  private static List<List<Object>> read(DataTable t, ScanRequest request) {
    List<List<Object>> rows = new ArrayList<>();
    try (RowCursor c = t.scan(request)) {
      while (c.next()) {
        rows.add(Arrays.asList(c.current()));
      }
    }
    return rows;
  }

  private static ScanRequest all(DataTable t) {
    return ScanRequest.of(java.util.stream.IntStream.range(0, t.columns().size()).boxed().toList(),
        ScanContext.detached());
  }

  @Test
  void recordsGiveTypedColumnsInComponentOrder() {
    UUID key = UUID.randomUUID();
    DataTable t = JavaTables.of(Person.class, List.of(new Person(1, "Ann", LocalDate.of(1970, 1, 2),
        new BigDecimal("1.50"), Instant.ofEpochMilli(1000), key)));
    assertThat(t.columns()).containsExactly(new Column("id", ColumnType.of(TypeKind.INTEGER), false),
        Column.of("name", TypeKind.VARCHAR), Column.of("born", TypeKind.DATE),
        new Column("salary", ColumnType.decimal(38, 2), true), Column.of("seen", TypeKind.TIMESTAMP),
        Column.of("key", TypeKind.VARCHAR));
    assertThat(read(t, all(t))).containsExactly(List.of(1, "Ann", 1, new BigDecimal("1.50"), 1000L,
        key.toString()));
    assertThat(t.estimatedRowCount()).hasValue(1);
  }

  @Test
  void beansGiveColumnsFromGetters() {
    DataTable t = JavaTables.of(Bean.class, List.of(new Bean(7, true)));
    assertThat(t.columns().stream().map(Column::name)).containsExactly("id", "active", "label");
    assertThat(read(t, all(t))).containsExactly(List.of(7L, true, "bean7"));
  }

  @Test
  void mapsAreTypedFromASampleAndWidened() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("n", 1);
    a.put("x", null);
    a.put("nested", Map.of("k", List.of(1)));
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("n", 2.5);
    b.put("when", LocalDateTime.of(1970, 1, 1, 0, 0, 2));
    DataTable t = JavaTables.ofMaps(List.of(a, b));
    assertThat(t.columns().stream().map(c -> c.name() + ":" + c.type())).containsExactly(
        "n:DOUBLE", "x:VARCHAR", "nested:VARCHAR", "when:TIMESTAMP");
    assertThat(read(t, all(t))).containsExactly(Arrays.asList(1.0, null, "{\"k\":[1]}", null),
        Arrays.asList(2.5, null, null, 2000L));
  }

  @Test
  void listsOfScalarsAreArrays() {
    DataTable t = JavaTables.of(Post.class, List.of(
        new Post(1, List.of("a", "b"), Arrays.asList(1, null), List.of(new BigDecimal("1.5")), List.of(Map.of())),
        new Post(2, null, List.of(), List.of(new BigDecimal("2.25")), List.of())));
    assertThat(t.columns().stream().map(c -> c.name() + ":" + c.type())).containsExactly("id:INTEGER",
        "tags:VARCHAR ARRAY", "votes:INTEGER ARRAY", "prices:DECIMAL(38,2) ARRAY", "misc:VARCHAR");
    assertThat(read(t, all(t))).containsExactly(
        List.of(1, List.of("a", "b"), Arrays.asList(1, null), List.of(new BigDecimal("1.50")), "[{}]"),
        Arrays.asList(2, null, List.of(), List.of(new BigDecimal("2.25")), "[]"));
  }

  @Test
  void sampledListsOfScalarsAreArraysOfTheirWidenedKinds() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("ints", List.of(1, 2));
    a.put("mixed", List.of(1));
    a.put("nested", List.of(Map.of("k", 1)));
    a.put("empty", List.of());
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("ints", Arrays.asList(null, 3L));
    b.put("mixed", List.of("x"));
    b.put("nested", null);
    b.put("empty", null);
    DataTable t = JavaTables.ofMaps(List.of(a, b));
    assertThat(t.columns().stream().map(c -> c.name() + ":" + c.type())).containsExactly(
        "ints:BIGINT ARRAY", "mixed:VARCHAR ARRAY", "nested:VARCHAR", "empty:VARCHAR");
    assertThat(read(t, all(t))).containsExactly(List.of(List.of(1L, 2L), List.of("1"), "[{\"k\":1}]", "[]"),
        Arrays.asList(Arrays.asList(null, 3L), List.of("x"), null, null));
  }

  @Test
  void anArrayElementOfTheWrongTypeFailsNamingTheColumn() {
    List<Map<String, Object>> rows = new ArrayList<>(
        java.util.Collections.nCopies(JavaTables.SAMPLE_SIZE, Map.of("n", List.of(1))));
    rows.add(Map.of("n", List.of("x")));
    DataTable t = JavaTables.ofMaps(rows);
    assertThat(t.columns().get(0).type()).isEqualTo(ColumnType.array(ColumnType.of(TypeKind.INTEGER)));
    assertThatThrownBy(() -> read(t, all(t))).isInstanceOfSatisfying(SourceException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA_TYPE))
        .hasMessage("column 'n': expected INTEGER but got String 'x'");
  }

  @Test
  void filtersAndLimitApplyWhileIterating() {
    DataTable t = JavaTables.of(Bean.class, List.of(new Bean(1, true), new Bean(2, false), new Bean(3, true),
        new Bean(4, true)));
    assertThat(t.canFilter(0, FilterOp.IN)).isTrue();
    ScanRequest request = new ScanRequest(List.of(2), List.of(new Predicate.Compare(1, FilterOp.EQ, true)),
        OptionalLong.of(2), ScanContext.detached());
    assertThat(read(t, request)).containsExactly(List.of("bean1"), List.of("bean3"));
  }

  @Test
  void aStreamSupplierIsOpenedForEachScanAndClosed() {
    AtomicInteger opened = new AtomicInteger();
    AtomicInteger closed = new AtomicInteger();
    DataTable t = JavaTables.of(Bean.class, () -> {
      opened.incrementAndGet();
      return Stream.of(new Bean(1, true)).onClose(closed::incrementAndGet);
    });
    read(t, all(t));
    read(t, all(t));
    assertThat(opened).hasValue(2);
    assertThat(closed).hasValue(2);
  }

  @Test
  void aValueOfTheWrongTypeFailsNamingRowAndColumn() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < JavaTables.SAMPLE_SIZE + 5; i++) {
      rows.add(Map.of("n", i == JavaTables.SAMPLE_SIZE + 2 ? (Object) "oops" : (Object) i));
    }
    DataTable t = JavaTables.ofMaps(rows);
    RowCursor c = t.scan(all(t));
    assertThatThrownBy(() -> {
      while (c.next()) {
        c.current();
      }
    }).isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA_TYPE))
        .hasMessage("column 'n': expected INTEGER but got String 'oops'");
    assertThat(c.position()).isEqualTo("row " + (JavaTables.SAMPLE_SIZE + 3));
  }

  @Test
  void valuesMustFitTheirInferredTypesExactly() {
    Map<String, Object> day = new LinkedHashMap<>();
    day.put("d", LocalDate.of(2020, 1, 1));
    day.put("m", new BigDecimal("1.5"));
    Map<String, Object> wrong = new LinkedHashMap<>();
    wrong.put("d", 18262);
    wrong.put("m", new BigDecimal("1.25"));
    List<Map<String, Object>> rows = new ArrayList<>(java.util.Collections.nCopies(JavaTables.SAMPLE_SIZE, day));
    rows.add(wrong);
    DataTable t = JavaTables.ofMaps(rows);
    assertThat(t.columns().get(1).type()).isEqualTo(ColumnType.decimal(38, 1));
    assertThatThrownBy(() -> read(t, all(t))).isInstanceOf(SourceException.class)
        .hasMessageContaining("column 'd': expected DATE but got Integer");
    ScanRequest decimals = ScanRequest.of(List.of(1), ScanContext.detached());
    assertThatThrownBy(() -> read(t, decimals))
        .hasMessageContaining("column 'm': 1.25 does not fit DECIMAL(38,1)");
  }

  @Test
  void sortedByDeclaresAnOrderAndRejectsUnknownColumns() {
    JavaTable t = JavaTables.of(Bean.class, List.of(new Bean(1, true)));
    assertThat(t.sortedBy("id").sortOrder()).isPresent();
    assertThatThrownBy(() -> t.sortedBy("nope")).isInstanceOf(IllegalArgumentException.class);
    JavaTable posts = JavaTables.of(Post.class, List.of());
    assertThatThrownBy(() -> posts.sortedBy("tags")).hasMessage("column 'tags' is an ARRAY, which cannot be a sort key");
  }

  @Test
  void noRowsMeansNoColumnsToInfer() {
    assertThatThrownBy(() -> JavaTables.ofMaps(List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot infer columns");
  }
}
