package io.xsql.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsql.spi.DataTable;
import io.xsql.spi.FilterOp;
import io.xsql.spi.Predicate;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A table of one row per array element, made by MongoDB's $unwind, as the catalog declares it. */
final class MongoUnwindTest {
  private final FindLog log = new FindLog();
  private MongoTestServer server;
  private MongoSource source;
  private DataTable items;

  @BeforeEach
  void start() {
    server = new MongoTestServer();
    server.database("shop").getCollection("orders").insertMany(List.of(
        new Document("_id", 1).append("customer", "a").append("items", List.of(
            new Document("sku", "x").append("qty", 2), new Document("sku", "y").append("qty", 1))),
        new Document("_id", 2).append("customer", "b").append("items", List.of()),
        new Document("_id", 3).append("customer", "c"),
        new Document("_id", 4).append("customer", "d").append("items", new Document("sku", "z").append("qty", 5))));
    source = MongoSources.open(Map.of("uri", server.uri(), "database", "shop",
        "collections", Map.of("orders", Map.of("unwind", Map.of("items", "order_items")))), log);
    items = source.tables().get("order_items");
  }

  @AfterEach
  void stop() {
    source.close();
    server.close();
  }

  private List<List<Object>> read(List<Predicate> filters, OptionalLong limit) {
    List<List<Object>> rows = new ArrayList<>();
    try (RowCursor c = items.scan(new ScanRequest(List.of(0, 1, 2, 3), filters, limit, new TestContext()))) {
      while (c.next()) {
        rows.add(Arrays.asList(c.current()));
      }
    }
    return rows;
  }

  @Test
  void eachElementIsARowWithItsDocumentsFields() {
    assertThat(source.tables()).containsOnlyKeys("orders", "order_items");
    assertThat(items.columns().stream().map(c -> c.name() + ":" + c.type()).toList())
        .containsExactly("_id:INTEGER", "customer:VARCHAR", "items.sku:VARCHAR", "items.qty:INTEGER");
    assertThat(read(List.of(), OptionalLong.empty())).containsExactly(List.of(1, "a", "x", 2),
        List.of(1, "a", "y", 1), List.of(4, "d", "z", 5));
    assertThat(items.estimatedRowCount()).hasValue(3);
  }

  @Test
  void filtersAndLimitsFollowTheUnwindInOnePipeline() {
    log.clear();
    assertThat(read(List.of(new Predicate.Compare(3, FilterOp.GT, 1)), OptionalLong.of(5)))
        .containsExactly(List.of(1, "a", "x", 2), List.of(4, "d", "z", 5));
    assertThat(items.describe(new ScanRequest(List.of(2), List.of(new Predicate.Compare(3, FilterOp.GT, 1)),
        OptionalLong.of(5), new TestContext()))).isEqualTo("collection shop.orders aggregate ["
            + "{\"$unwind\": \"$items\"}, {\"$match\": {\"items.qty\": {\"$gt\": 1}}},"
            + " {\"$project\": {\"items.sku\": 1, \"items.qty\": 1, \"_id\": 1}}, {\"$limit\": 5}]");
  }

  @Test
  void aLookupFindsElementsByTheirField() {
    List<Object> found = new ArrayList<>();
    try (RowCursor c = items.keyLookup().orElseThrow().lookup(List.of(2), List.of(List.of("y"), List.of("z")),
        ScanRequest.of(List.of(0, 2), new TestContext()))) {
      while (c.next()) {
        found.add(c.current()[0] + ":" + c.current()[1]);
      }
    }
    assertThat(found).containsExactlyInAnyOrder("1:y", "4:z");
  }
}
