package io.xsql.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.spi.DataTable;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.FilterOp;
import io.xsql.spi.KeyLookup;
import io.xsql.spi.Predicate;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SortOrder;
import io.xsql.spi.SourceException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a scan sends MongoDB (watched with a command listener) and that it selects what SQL would. */
final class MongoPushdownTest {
  private static final ObjectId ANN = new ObjectId("65a000000000000000000001");
  private static final String INJECTION = "{\"$ne\": null}";

  private final FindLog log = new FindLog();
  private MongoTestServer server;
  private MongoSource source;

  @BeforeEach
  void start() {
    server = new MongoTestServer();
    server.database("shop").getCollection("orders").insertMany(List.of(
        new Document("_id", ANN).append("n", 1).append("name", "Ann")
            .append("total", new Decimal128(new BigDecimal("10.50"))).append("ok", true)
            .append("tags", List.of("x")).append("addr", new Document("city", "Oslo")),
        new Document("_id", new ObjectId()).append("n", 2).append("name", "Bob").append("total", 20).append("ok", false)
            .append("addr", new Document("city", "Rome")),
        new Document("_id", new ObjectId()).append("n", 3L).append("name", INJECTION).append("ok", null),
        new Document("_id", new ObjectId()).append("name", null)));
  }

  @AfterEach
  void stop() {
    if (source != null) {
      source.close();
    }
    server.close();
  }

  private DataTable open(String collection, Map<String, Object> extra) {
    Map<String, Object> settings = new LinkedHashMap<>(Map.of("uri", server.uri(), "database", "shop"));
    settings.putAll(extra);
    source = MongoSources.open(settings, log);
    return source.tables().get(collection);
  }

  private static int column(DataTable t, String name) {
    return t.columns().stream().map(c -> c.name()).toList().indexOf(name);
  }

  /** Column n of the rows the filters select, and the filter MongoDB received. */
  private List<Object> select(DataTable t, List<Predicate> filters, OptionalLong limit) {
    log.clear();
    List<Object> out = new ArrayList<>();
    int n = column(t, "n");
    try (RowCursor c = t.scan(new ScanRequest(List.of(n), filters, limit, new TestContext()))) {
      while (c.next()) {
        out.add(c.current()[0]);
      }
    }
    return out;
  }

  @Test
  void eachOperatorIsSentAsAFilterAndSelectsWhatSqlSelects() {
    DataTable t = open("orders", Map.of());
    int n = column(t, "n");
    int name = column(t, "name");
    int city = column(t, "addr.city");
    assertThat(select(t, List.of(new Predicate.Compare(n, FilterOp.GT, 1L)), OptionalLong.empty()))
        .containsExactly(2L, 3L);
    assertThat(log.filter()).isEqualTo("{\"n\": {\"$gt\": 1}}");
    assertThat(select(t, List.of(new Predicate.Compare(name, FilterOp.NE, "Ann")), OptionalLong.empty()))
        .containsExactly(2L, 3L);
    assertThat(log.filter()).isEqualTo("{\"name\": {\"$nin\": [\"Ann\", null]}}");
    assertThat(select(t, List.of(new Predicate.IsNull(n, false)), OptionalLong.empty()))
        .containsExactly((Object) null);
    assertThat(select(t, List.of(new Predicate.IsNull(name, true), new Predicate.In(n, List.of(1L, 3L))),
        OptionalLong.empty())).containsExactly(1L, 3L);
    assertThat(log.filter())
        .isEqualTo("{\"$and\": [{\"name\": {\"$ne\": null}}, {\"n\": {\"$in\": [1, 3]}}]}");
    assertThat(select(t, List.of(new Predicate.AnyOf(List.of(new Predicate.Compare(n, FilterOp.EQ, 1L),
        new Predicate.Compare(city, FilterOp.EQ, "Rome")))), OptionalLong.empty())).containsExactly(1L, 2L);
    assertThat(log.filter())
        .isEqualTo("{\"$or\": [{\"n\": {\"$eq\": 1}}, {\"addr.city\": {\"$eq\": \"Rome\"}}]}");
    assertThat(select(t, List.of(), OptionalLong.of(1))).hasSize(1);
    assertThat(log.finds.get(0).getInt32("limit").getValue()).isEqualTo(1);
    assertThat(select(t, List.of(), OptionalLong.of(0))).isEmpty();
    assertThat(log.finds).isEmpty();
  }

  @Test
  void aRenamedFieldIsFilteredAndLookedUpUnderItsOwnName() {
    server.database("shop").getCollection("parts").insertMany(List.of(new Document("_id", 1).append("n", 10),
        new Document("_id", 2).append("n", 20), new Document("_id", 3).append("n", 30)));
    DataTable t = open("parts", Map.of("collections", Map.of("parts", Map.of("rename", Map.of("_id", "part_id")))));
    assertThat(t.columns().stream().map(c -> c.name()).toList()).containsExactly("part_id", "n");
    int id = column(t, "part_id");
    assertThat(select(t, List.of(new Predicate.In(id, List.of(1, 3))), OptionalLong.empty())).containsExactly(10, 30);
    assertThat(log.filter()).isEqualTo("{\"_id\": {\"$in\": [1, 3]}}");
    log.clear();
    try (RowCursor c = t.keyLookup().orElseThrow().lookup(List.of(id), List.of(List.of(2)),
        new ScanRequest(List.of(id, column(t, "n")), List.of(), OptionalLong.empty(), new TestContext()))) {
      assertThat(c.next()).isTrue();
      assertThat(c.current()).containsExactly(2, 20);
    }
    assertThat(log.filter()).contains("\"_id\"");
  }

  @Test
  void likeIsAnAnchoredRegexAndNotLikeLeavesNullsOut() {
    DataTable t = open("orders", Map.of());
    int name = column(t, "name");
    assertThat(select(t, List.of(new Predicate.Like(name, "B_b", Optional.empty(), false)), OptionalLong.empty()))
        .containsExactly(2L);
    assertThat(log.filter()).isEqualTo("{\"name\": {\"$regex\": \"\\\\AB.b\\\\z\", \"$options\": \"s\"}}");
    assertThat(select(t, List.of(new Predicate.Like(name, "{%", Optional.empty(), true)), OptionalLong.empty()))
        .containsExactly(1L, 2L);
    assertThat(select(t, List.of(new Predicate.Like(name, "{\"$ne\"!%", Optional.of('!'), false)),
        OptionalLong.empty())).isEmpty();
    assertThat(MongoFilters.regex("a.b*c%_!%", Optional.of('!'))).isEqualTo("\\Aa\\.b\\*c.*.\\%\\z");
  }

  @Test
  void aValueThatLooksLikeAnOperatorIsJustAString() {
    DataTable t = open("orders", Map.of());
    assertThat(select(t, List.of(new Predicate.Compare(column(t, "name"), FilterOp.EQ, INJECTION)),
        OptionalLong.empty())).containsExactly(3L);
    assertThat(log.filter()).isEqualTo("{\"name\": {\"$eq\": \"{\\\"$ne\\\": null}\"}}");
  }

  @Test
  void anObjectIdColumnMatchesItsHexDigits() {
    DataTable t = open("orders", Map.of());
    int id = column(t, "_id");
    assertThat(select(t, List.of(new Predicate.Compare(id, FilterOp.EQ, ANN.toHexString())), OptionalLong.empty()))
        .containsExactly(1L);
    assertThat(log.filter()).isEqualTo("{\"_id\": {\"$in\": [{\"$oid\": \"" + ANN.toHexString() + "\"}, \""
        + ANN.toHexString() + "\"]}}");
    assertThat(select(t, List.of(new Predicate.Compare(id, FilterOp.EQ, ANN.toHexString().toUpperCase())),
        OptionalLong.empty())).isEmpty();
  }

  @Test
  void onlyWhatMongoDbDecidesAsSqlDoesIsOffered() {
    DataTable t = open("orders", Map.of());
    assertThat(t.canFilter(column(t, "name"), FilterOp.EQ)).isTrue();
    assertThat(t.canFilter(column(t, "name"), FilterOp.LIKE)).isTrue();
    assertThat(t.canFilter(column(t, "name"), FilterOp.LT)).as("strings order differently").isFalse();
    assertThat(t.canFilter(column(t, "total"), FilterOp.LT)).as("decimal and int by value").isTrue();
    assertThat(t.canFilter(column(t, "ok"), FilterOp.EQ)).isTrue();
    assertThat(t.canFilter(column(t, "ok"), FilterOp.GT)).isFalse();
    assertThat(t.canFilter(column(t, "tags"), FilterOp.EQ)).as("arrays as JSON text").isFalse();
    assertThat(t.canFilter(column(t, "tags"), FilterOp.IS_NULL)).isFalse();
    assertThat(t.canFilter(column(t, "_id"), FilterOp.LIKE)).isFalse();
    assertThat(t.canFilterAlternatives()).isTrue();
    assertThat(t.canLimit()).isTrue();
  }

  @Test
  void aQueryTimeoutTellsTheServerToGiveUpToo() {
    DataTable t = open("orders", Map.of());
    int n = column(t, "n");
    TestContext context = new TestContext();
    context.millisLeft = OptionalLong.of(4_000);
    log.clear();
    assertThat(MongoSources.read(t, context, n)).hasSize(4);
    assertThat(log.finds.get(0).getInt64("maxTimeMS").getValue()).isEqualTo(4_000);
    assertThat(MongoSources.read(t, new TestContext(), n)).hasSize(4);
    assertThat(log.finds.get(1).containsKey("maxTimeMS")).isFalse();
  }

  @Test
  void theFirstRowsInAnOrderAreChosenByTheServerWithNullsWhereSqlPutsThem() {
    DataTable t = open("orders", Map.of());
    int n = column(t, "n");
    SortOrder descNullsFirst = new SortOrder(List.of(new SortOrder.Key(n, true, true)));
    assertThat(t.canSort(descNullsFirst)).isTrue();
    assertThat(t.canSort(new SortOrder(List.of(new SortOrder.Key(column(t, "name"), false, false))))).isFalse();
    assertThat(t.canSort(new SortOrder(List.of(new SortOrder.Key(n, false, false),
        new SortOrder.Key(column(t, "total"), false, false))))).as("nulls of two keys").isFalse();
    ScanRequest top2 = new ScanRequest(List.of(n), List.of(), OptionalLong.of(2), Optional.of(descNullsFirst),
        new TestContext());
    assertThat(t.describe(top2)).isEqualTo("collection shop.orders find {\"n\": {\"$eq\": null}} limit 2"
        + " then find {\"n\": {\"$ne\": null}} sort {\"n\": -1} limit 2");
    log.clear();
    assertThat(read(t, top2)).containsExactly(Arrays.asList((Object) null), List.of(3L));
    assertThat(log.finds).hasSize(2);
    ScanRequest ascNullsFirst = new ScanRequest(List.of(n), List.of(), OptionalLong.of(2),
        Optional.of(new SortOrder(List.of(new SortOrder.Key(n, false, true)))), new TestContext());
    assertThat(t.describe(ascNullsFirst)).isEqualTo("collection shop.orders find {} sort {\"n\": 1} limit 2");
    ScanRequest top1 = new ScanRequest(List.of(n), List.of(), OptionalLong.of(1),
        Optional.of(new SortOrder(List.of(new SortOrder.Key(n, false, false)))), new TestContext());
    log.clear();
    assertThat(read(t, top1)).containsExactly(List.of(1L));
    assertThat(log.finds).as("the nulls are not asked for once the limit is reached").hasSize(1);
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

  @Test
  void explainShowsTheFindThatRuns() {
    DataTable t = open("orders", Map.of());
    int n = column(t, "n");
    String shown = t.describe(new ScanRequest(List.of(n), List.of(new Predicate.Compare(n, FilterOp.LE, 2L)),
        OptionalLong.of(5), new TestContext()));
    assertThat(shown).isEqualTo("collection shop.orders find {\"n\": {\"$lte\": 2}} limit 5");
  }

  @Test
  void aDocumentMongoDbMatchesOnAValueOfAnUnsampledKindIsCheckedAgain() {
    server.database("shop").getCollection("drift").insertMany(List.of(new Document("_id", 1).append("s", "a"),
        new Document("_id", 2).append("s", List.of("a", "b"))));
    DataTable t = open("drift", Map.of("sample_size", 1));
    assertThat(t.columns()).hasSize(2);
    log.clear();
    TestContext context = new TestContext();
    List<List<Object>> rows = new ArrayList<>();
    try (RowCursor c = t.scan(new ScanRequest(List.of(0), List.of(new Predicate.Compare(1, FilterOp.EQ, "a")),
        OptionalLong.empty(), context))) {
      while (c.next()) {
        rows.add(Arrays.asList(c.current()));
      }
    }
    assertThat(rows).containsExactly(List.of(1));
    assertThat(log.returned()).isEqualTo(2);
    assertThat(context.warnings).singleElement().asString().contains("collection 'drift'", "_id=2");
  }

  @Test
  void aLookupSendsOneInPerBatchAndReadsOnlyTheMatches() {
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      docs.add(new Document("_id", i).append("k", "key" + i).append("v", i * 10));
    }
    server.database("shop").getCollection("big").insertMany(docs);
    DataTable t = open("big", Map.of());
    KeyLookup lookup = t.keyLookup().orElseThrow();
    assertThat(lookup.supports(List.of(1))).isTrue();
    assertThat(lookup.supports(List.of(0, 1))).isTrue();
    assertThat(lookup.supports(List.of(1, 1))).isFalse();
    assertThat(lookup.maxBatchSize()).isEqualTo(10_000);
    assertThat(lookup.describe(List.of(1))).isEqualTo("collection shop.big find {\"k\": {\"$in\": [\"<keys>\"]}}");
    log.clear();
    List<Object> found = new ArrayList<>();
    ScanRequest request = new ScanRequest(List.of(1, 2), List.of(new Predicate.Compare(2, FilterOp.GT, 60)),
        OptionalLong.empty(), new TestContext());
    try (RowCursor c = lookup.lookup(List.of(1),
        List.of(List.of("key5"), List.of("key7"), List.of("key1999"), List.of("nope")), request)) {
      while (c.next()) {
        found.add(c.current()[0] + "=" + c.current()[1]);
      }
    }
    assertThat(found).containsExactlyInAnyOrder("key7=70", "key1999=19990");
    // The keys last: a server testing conjuncts in order tests the costly $in only where the others hold.
    assertThat(log.filter()).isEqualTo("{\"$and\": [{\"v\": {\"$gt\": 60}},"
        + " {\"k\": {\"$in\": [\"key5\", \"key7\", \"key1999\", \"nope\"]}}]}");
    assertThat(log.returned()).isEqualTo(2);

    log.clear();
    found.clear();
    try (RowCursor c = lookup.lookup(List.of(0, 1), List.of(List.of(5, "key5"), List.of(6, "key7")),
        ScanRequest.of(List.of(2), new TestContext()))) {
      while (c.next()) {
        found.add(c.current()[0]);
      }
    }
    assertThat(found).containsExactly(50);
    assertThat(log.filter()).isEqualTo("{\"$or\": [{\"$and\": [{\"_id\": {\"$eq\": 5}}, {\"k\": {\"$eq\":"
        + " \"key5\"}}]}, {\"$and\": [{\"_id\": {\"$eq\": 6}}, {\"k\": {\"$eq\": \"key7\"}}]}]}");
  }

  @Test
  void catalogTypesWinHiddenFieldsGoAndUnsampledTypedFieldsStay() {
    server.database("shop").getCollection("typed").insertMany(List.of(
        new Document("_id", 1).append("born", new Date(86_400_000L * 3)).append("price",
            new Decimal128(new BigDecimal("12.345"))),
        new Document("_id", 2).append("born", new Date(86_400_000L * 3 + 1)).append("price", 1)));
    Map<String, Object> typed = Map.of("columns", Map.of("born", "DATE", "price", "DECIMAL(10,2)", "later",
        "BIGINT"), "hidden", List.of("_id"));
    DataTable t = open("typed", Map.of("collections", Map.of("typed", typed)));
    assertThat(t.columns().stream().map(c -> c.name() + ":" + c.type()).toList())
        .containsExactly("born:DATE", "price:DECIMAL(10,2)", "later:BIGINT");
    TestContext context = new TestContext();
    try (RowCursor c = t.scan(ScanRequest.of(List.of(0, 1, 2), context))) {
      assertThat(c.next()).isTrue();
      assertThat(Arrays.asList(c.current())).containsExactly(3, new BigDecimal("12.35"), null);
      assertThatThrownBy(c::next).isInstanceOfSatisfying(SourceException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA_TYPE))
          .hasMessageContaining("document _id=2").hasMessageContaining("field 'born' holds a date value (")
          .hasMessageContaining("column type DATE");
    }
  }
}
