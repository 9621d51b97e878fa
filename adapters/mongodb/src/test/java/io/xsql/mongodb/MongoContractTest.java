package io.xsql.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.spi.ColumnType;
import io.xsql.spi.DataTable;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.SchemaContract;
import io.xsql.spi.SchemaContract.ContractColumn;
import io.xsql.spi.SourceException;
import io.xsql.spi.TypeKind;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A collection read through a schema contract, and values that do not fit as on_error says. */
final class MongoContractTest {
  private static final SchemaContract CONTRACT = new SchemaContract(Map.of("orders", new SchemaContract.Table(2,
      List.of(new ContractColumn("_id", ColumnType.of(TypeKind.INTEGER), List.of("int"), false),
          new ContractColumn("qty", ColumnType.of(TypeKind.BIGINT), List.of("int"), true)))));

  private final FindLog log = new FindLog();
  private MongoTestServer server;
  private MongoSource source;

  @BeforeEach
  void start() {
    server = new MongoTestServer();
    server.database("shop").getCollection("orders").insertMany(List.of(new Document("_id", 1).append("qty", 1),
        new Document("_id", 2).append("qty", 2L), new Document("_id", 3).append("qty", "three"),
        new Document("_id", 4)));
  }

  @AfterEach
  void stop() {
    source.close();
    server.close();
  }

  private DataTable open(Map<String, Object> extra, boolean contract) {
    Map<String, Object> settings = new LinkedHashMap<>(Map.of("uri", server.uri(), "database", "shop"));
    settings.putAll(extra);
    source = contract ? MongoSources.open(settings, log, CONTRACT) : MongoSources.open(settings, log);
    return source.tables().get("orders");
  }

  @Test
  void aContractTakesThePlaceOfTheSampleAndValuesOfOtherKindsAreCountedOnce() {
    DataTable t = open(Map.of("on_error", "null"), true);
    assertThat(t.columns().stream().map(c -> c.name() + ":" + c.type()).toList())
        .containsExactly("_id:INTEGER", "qty:BIGINT");
    assertThat(log.finds).as("no sampling").isEmpty();
    TestContext context = new TestContext();
    assertThat(MongoSources.read(t, context, 0, 1)).containsExactly(List.of(1, 1L), List.of(2, 2L),
        Arrays.asList(3, null), Arrays.asList(4, null));
    assertThat(context.warnings).containsExactlyInAnyOrder(
        "read 1 malformed value as NULL in source 'shop', collection 'orders' (on_error: null); the first at"
            + " source 'shop', collection 'orders', document _id=3: field 'qty' holds a string value (three) that"
            + " does not fit column type BIGINT",
        "2 values in source 'shop', collection 'orders' departed from the schema contract (on_drift: warn); the"
            + " first at _id=2: field 'qty' holds a long value; the contract lists int");
  }

  @Test
  void onDriftFailStopsAtTheFirstDeparture() {
    DataTable t = open(Map.of("on_drift", "fail"), true);
    assertThatThrownBy(() -> MongoSources.read(t, new TestContext(), 1))
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA_TYPE))
        .hasMessageContaining("document _id=2: field 'qty' holds a long value (2) that is of a kind the schema"
            + " contract does not list (int; on_drift: fail)");
  }

  @Test
  void onErrorSkipLeavesTheDocumentOutWhateverTheQueryReads() {
    DataTable t = open(Map.of("on_error", "skip", "sample_size", 2), false);
    TestContext context = new TestContext();
    assertThat(MongoSources.read(t, context, 0)).containsExactly(List.of(1), List.of(2), List.of(4));
    assertThat(context.warnings).singleElement().asString()
        .startsWith("skipped 1 malformed row in source 'shop', collection 'orders' (on_error); the first at")
        .contains("_id=3");
  }

  @Test
  void theInferredContractDescribesTheSample() {
    DataTable t = open(Map.of(), false);
    assertThat(t.columns()).hasSize(2);
    SchemaContract inferred = source.inferredContract().orElseThrow();
    assertThat(inferred.tables().get("orders").columns()).containsExactly(
        new ContractColumn("_id", ColumnType.of(TypeKind.INTEGER), List.of("int"), false),
        new ContractColumn("qty", ColumnType.of(TypeKind.VARCHAR), List.of("int", "long", "string"), true));
    assertThat(CONTRACT.differences(inferred)).containsExactly(
        "table 'orders': field 'qty' is inferred as VARCHAR, the contract says BIGINT",
        "table 'orders': field 'qty' holds long, string values, not listed in the contract");
  }
}
