package io.xsql.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.spi.Aggregation;
import io.xsql.spi.Aggregation.Call;
import io.xsql.spi.Aggregation.Function;
import io.xsql.spi.DataTable;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.FilterOp;
import io.xsql.spi.Predicate;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SourceException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GROUP BYs computed by MongoDB's $group, and the guard against kinds of values the sample did not see. */
final class MongoGroupsTest {
  private final FindLog log = new FindLog();
  private MongoTestServer server;
  private MongoSource source;

  @BeforeEach
  void start() {
    server = new MongoTestServer();
    server.database("shop").getCollection("orders").insertMany(List.of(
        new Document("_id", 1).append("g", "a").append("v", 1),
        new Document("_id", 2).append("g", "a").append("v", 2_000_000_000),
        new Document("_id", 3).append("g", "b").append("v", null),
        new Document("_id", 4).append("v", 5),
        new Document("_id", 5).append("g", null).append("v", 7)));
  }

  @AfterEach
  void stop() {
    source.close();
    server.close();
  }

  private DataTable open(Map<String, Object> extra) {
    Map<String, Object> settings = new LinkedHashMap<>(Map.of("uri", server.uri(), "database", "shop"));
    settings.putAll(extra);
    source = MongoSources.open(settings, log);
    return source.tables().get("orders");
  }

  private static List<List<Object>> read(DataTable t, Aggregation aggregation, List<Predicate> filters) {
    List<List<Object>> rows = new ArrayList<>();
    try (RowCursor c = t.scan(new ScanRequest(List.of(), filters, OptionalLong.empty(), Optional.empty(),
        Optional.of(aggregation), new TestContext()))) {
      while (c.next()) {
        rows.add(Arrays.asList(c.current()));
      }
    }
    return rows;
  }

  private static final Aggregation BY_G = new Aggregation(List.of(1), List.of(new Call(Function.COUNT,
      OptionalInt.empty()), new Call(Function.COUNT, OptionalInt.of(2)), new Call(Function.SUM, OptionalInt.of(2)),
      new Call(Function.MIN, OptionalInt.of(2)), new Call(Function.MAX, OptionalInt.of(2))));

  @Test
  void groupsAreFormedAndAggregatedAsSqlDoes() {
    DataTable t = open(Map.of());
    assertThat(t.canAggregate(BY_G)).isTrue();
    assertThat(read(t, BY_G, List.of())).containsExactlyInAnyOrder(
        Arrays.asList("a", 2L, 2L, 2_000_000_001L, 1, 2_000_000_000),
        Arrays.asList("b", 1L, 0L, null, null, null),
        Arrays.asList(null, 2L, 2L, 12L, 5, 7));
    assertThat(t.describe(new ScanRequest(List.of(), List.of(), OptionalLong.empty(), Optional.empty(),
        Optional.of(BY_G), new TestContext()))).startsWith("collection shop.orders aggregate [{\"$group\": {\"_id\":"
        + " {\"g0\": {\"$ifNull\": [\"$g\", null]}}, \"a0\": {\"$sum\": 1},");
  }

  @Test
  void withoutGroupColumnsThereIsOneRowEvenForNoDocuments() {
    DataTable t = open(Map.of());
    Aggregation all = new Aggregation(List.of(), List.of(new Call(Function.COUNT, OptionalInt.empty()),
        new Call(Function.SUM, OptionalInt.of(2))));
    assertThat(read(t, all, List.of())).containsExactly(List.of(5L, 2_000_000_013L));
    assertThat(read(t, all, List.of(new Predicate.Compare(0, FilterOp.GT, 99))))
        .containsExactly(Arrays.asList(0L, null));
  }

  @Test
  void aKindTheSampleDidNotSeeFailsTheScanInsteadOfAnotherAnswer() {
    server.database("shop").getCollection("orders").insertOne(new Document("_id", 6).append("g", 6).append("v", 1));
    DataTable t = open(Map.of("sample_size", 5));
    assertThatThrownBy(() -> read(t, BY_G, List.of()))
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA_TYPE))
        .hasMessageContaining("GROUP BY in MongoDB")
        .hasMessageContaining("hold a kind of value the sample did not see in field 'g'");
    server.database("shop").getCollection("orders").deleteOne(new Document("_id", 6));
    server.database("shop").getCollection("orders").insertOne(new Document("_id", 7).append("g", "a")
        .append("v", "seven"));
    assertThatThrownBy(() -> read(t, BY_G, List.of())).hasMessageContaining("in field 'v'");
  }

  @Test
  void onlyExactShapesAreOffered() {
    DataTable t = open(Map.of("on_error", "null"));
    assertThat(t.canAggregate(BY_G)).as("on_error null decides per value").isFalse();
    source.close();
    server.database("shop").getCollection("mixed").insertMany(List.of(new Document("_id", 1).append("s", "x")
        .append("m", 1), new Document("_id", 2).append("s", "y").append("m", "z")));
    DataTable mixed = open(Map.of());
    assertThat(mixed.columns()).isNotEmpty();
    DataTable m = source.tables().get("mixed");
    assertThat(m.canAggregate(new Aggregation(List.of(), List.of(new Call(Function.MIN, OptionalInt.of(1))))))
        .as("MIN of text orders by bytes").isFalse();
    assertThat(m.canAggregate(new Aggregation(List.of(2), List.of()))).as("a column of mixed kinds").isFalse();
    assertThat(m.canAggregate(new Aggregation(List.of(1), List.of(new Call(Function.COUNT, OptionalInt.of(0))))))
        .isTrue();
  }
}
