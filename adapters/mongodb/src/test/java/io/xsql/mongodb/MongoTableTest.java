package io.xsql.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import io.xsql.spi.Column;
import io.xsql.spi.DataTable;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SchemaSource;
import io.xsql.spi.SourceException;
import io.xsql.spi.TablePart;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class MongoTableTest {
  private static final ObjectId ANN = new ObjectId("65a000000000000000000001");
  private static final ObjectId BOB = new ObjectId("65a000000000000000000002");
  /** Documents of the tables split into parts: with padding, a few dozen kilobytes. */
  private static final int NUMBERED = 2_000;
  private static final String PADDING = "x".repeat(100);

  private MongoTestServer server;
  private SchemaSource source;

  @BeforeEach
  void start() {
    server = new MongoTestServer();
  }

  @AfterEach
  void stop() {
    if (source != null) {
      source.close();
    }
    server.close();
  }

  private DataTable open(String collection, Map<String, Object> extra) {
    Map<String, Object> settings = new java.util.LinkedHashMap<>(Map.of("uri", server.uri(), "database", "shop"));
    settings.putAll(extra);
    source = MongoSources.open(settings);
    return source.tables().get(collection);
  }

  private static List<String> names(DataTable t) {
    return t.columns().stream().map(c -> c.name() + ":" + c.type()).toList();
  }

  private void insertPeople() {
    server.database("shop").getCollection("people").insertMany(List.of(
        new Document("_id", ANN).append("name", "Ann").append("qty", 1).append("price", 1.5).append("big", 5L)
            .append("amount", new Decimal128(new BigDecimal("12.50"))).append("ok", true)
            .append("at", new Date(86_400_000L))
            .append("addr", new Document("city", "Oslo").append("geo", new Document("lat", 59.9)))
            .append("tags", List.of("a", "b")).append("notes", List.of(new Document("t", 1))),
        new Document("_id", BOB).append("name", "Bob").append("qty", 2.5)
            .append("addr", new Document("city", "Rome"))));
  }

  @Test
  void columnsAndTypesComeFromTheSample() {
    insertPeople();
    DataTable t = open("people", Map.of());
    assertThat(names(t)).containsExactly("_id:VARCHAR", "name:VARCHAR", "qty:DOUBLE", "price:DOUBLE",
        "big:BIGINT", "amount:DECIMAL", "ok:BOOLEAN", "at:TIMESTAMP", "addr.city:VARCHAR", "addr.geo.lat:DOUBLE",
        "tags:VARCHAR ARRAY", "notes:VARCHAR");
    assertThat(source.warnings()).singleElement().asString()
        .contains("collection 'people'", "field 'qty'", "int, double", "DOUBLE");
  }

  @Test
  void documentsBelowTheFlattenDepthAreJsonText() {
    insertPeople();
    DataTable t = open("people", Map.of("flatten_depth", 1));
    assertThat(names(t)).contains("addr.city:VARCHAR", "addr.geo:VARCHAR").doesNotContain("addr.geo.lat:DOUBLE");
    int geo = names(t).indexOf("addr.geo:VARCHAR");
    assertThat(MongoSources.read(t, new TestContext(), geo))
        .containsExactly(List.of("{\"lat\": 59.9}"), Arrays.asList((Object) null));
  }

  @Test
  void aScanReturnsExactlyTheRequestedColumnsOfEachDocument() {
    insertPeople();
    DataTable t = open("people", Map.of());
    // name, _id, qty, big, amount, ok, at, addr.geo.lat, tags: missing fields are NULL
    assertThat(MongoSources.read(t, new TestContext(), 1, 0, 2, 4, 5, 6, 7, 9, 10)).containsExactly(
        List.of("Ann", ANN.toHexString(), 1.0, 5L, new BigDecimal("12.50"), true, 86_400_000L, 59.9,
            List.of("a", "b")),
        Arrays.asList("Bob", BOB.toHexString(), 2.5, null, null, null, null, null, null));
    // An array of documents stays JSON text.
    assertThat(MongoSources.read(t, new TestContext(), 11).get(0)).containsExactly("[{\"t\": 1}]");
    assertThat(MongoSources.read(t, new TestContext())).hasSize(2);
    assertThat(t.estimatedRowCount()).hasValue(2);
  }

  @Test
  void aValueThatDoesNotFitItsSampledTypeFailsNamingTheDocument() {
    MongoCollection<Document> c = server.database("shop").getCollection("orders");
    c.insertMany(List.of(new Document("_id", 1).append("n", 1), new Document("_id", 2).append("n", 2),
        new Document("_id", "late-3").append("n", "three")));
    DataTable t = open("orders", Map.of("sample_size", 2));
    assertThat(names(t)).containsExactly("_id:INTEGER", "n:INTEGER");
    assertThatThrownBy(() -> MongoSources.read(t, new TestContext(), 1))
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA_TYPE))
        .hasMessageContaining("source 'shop', collection 'orders'")
        .hasMessageContaining("_id=late-3")
        .hasMessageContaining("field 'n' holds a string");
  }

  @Test
  void aFieldHoldingObjectsAndValuesIsOneTextColumn() {
    server.database("shop").getCollection("mixed").insertMany(List.of(
        new Document("_id", 1).append("a", new Document("b", 1)), new Document("_id", 2).append("a", 7)));
    DataTable t = open("mixed", Map.of());
    assertThat(names(t)).containsExactly("_id:INTEGER", "a:VARCHAR");
    assertThat(MongoSources.read(t, new TestContext(), 1)).containsExactly(List.of("{\"b\": 1}"), List.of("7"));
  }

  @Test
  void refreshSeesNewCollections() {
    insertPeople();
    open("people", Map.of());
    assertThat(source.tables()).containsOnlyKeys("people");
    server.database("shop").getCollection("orders").insertOne(new Document("_id", 1));
    assertThat(source.tables()).containsOnlyKeys("people");
    source.refresh();
    assertThat(source.tables()).containsOnlyKeys("orders", "people");
  }

  @Test
  void cancelStopsAScanOfManyDocumentsPromptly() throws Exception {
    MongoCollection<Document> c = server.database("shop").getCollection("big");
    List<Document> batch = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      batch.add(new Document("_id", i).append("v", "value " + i));
      if (batch.size() == 10_000) {
        c.insertMany(batch);
        batch.clear();
      }
    }
    DataTable t = open("big", Map.of());
    TestContext context = new TestContext();
    CountDownLatch reading = new CountDownLatch(1);
    CompletableFuture<Integer> scan = CompletableFuture.supplyAsync(() -> {
      int n = 0;
      try (RowCursor cursor = t.scan(ScanRequest.of(List.of(0, 1), context))) {
        while (cursor.next()) {
          if (++n == 1_000) {
            reading.countDown();
          }
        }
      }
      return n;
    });
    assertThat(reading.await(30, TimeUnit.SECONDS)).isTrue();
    long start = System.nanoTime();
    context.cancel();
    assertThatThrownBy(() -> scan.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(SourceException.class)
        .cause().satisfies(e -> assertThat(((SourceException) e).code()).isEqualTo(ErrorCode.CANCELED));
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_000);
  }

  /** Documents with {@code n} from 1 to {@link #NUMBERED} and the ids {@code id} makes of it. */
  private void insertNumbered(String collection, IntFunction<Object> id) {
    List<Document> documents = new ArrayList<>();
    for (int i = 1; i <= NUMBERED; i++) {
      documents.add(new Document("_id", id.apply(i)).append("n", i).append("pad", PADDING));
    }
    server.database("shop").getCollection(collection).insertMany(documents);
  }

  @Test
  void aCollectionSplitsByIdRangesReadingEachDocumentOnce() {
    insertNumbered("events", i -> new ObjectId());
    DataTable t = open("events", Map.of());
    List<TablePart> parts = t.parts(40_000);
    assertThat(parts).hasSizeBetween(4, 10);
    List<Integer> seen = new ArrayList<>();
    for (TablePart part : parts) {
      List<Integer> read = numbers(t, part, OptionalLong.empty());
      assertThat(read).as(part.name()).isNotEmpty();
      seen.addAll(read);
    }
    assertThat(seen).hasSize(NUMBERED).doesNotHaveDuplicates();
  }

  @Test
  void idsOfAnotherTypeThanTheBoundariesFallInTheFirstPart() {
    insertNumbered("mixed", i -> i % 10 == 0 ? "s" + i : i);
    DataTable t = open("mixed", Map.of());
    List<TablePart> parts = t.parts(40_000);
    assertThat(parts).hasSizeGreaterThan(2);
    List<Integer> seen = new ArrayList<>();
    parts.forEach(p -> seen.addAll(numbers(t, p, OptionalLong.empty())));
    assertThat(seen).hasSize(NUMBERED).doesNotHaveDuplicates();
    assertThat(numbers(t, parts.get(0), OptionalLong.empty())).contains(10, 2_000);
  }

  @Test
  void aSmallCollectionIsOnePartAndALimitAppliesPerPart() {
    insertNumbered("small", i -> i);
    DataTable t = open("small", Map.of());
    assertThat(t.parts(1L << 30)).containsExactly(TablePart.WHOLE);
    assertThat(numbers(t, TablePart.WHOLE, OptionalLong.empty())).hasSize(NUMBERED);
    assertThat(t.parts(40_000)).allSatisfy(p -> assertThat(numbers(t, p, OptionalLong.of(3))).hasSize(3));
  }

  private static List<Integer> numbers(DataTable t, TablePart part, OptionalLong limit) {
    int n = t.columns().stream().map(Column::name).toList().indexOf("n");
    List<Integer> out = new ArrayList<>();
    try (RowCursor cursor = t.scan(new ScanRequest(List.of(n), List.of(), limit, new TestContext()), part)) {
      while (cursor.next()) {
        out.add(((Number) cursor.current()[0]).intValue());
      }
    }
    return out;
  }
}
