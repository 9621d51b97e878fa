package io.xsql.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsql.spi.Column;
import io.xsql.spi.DataTable;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SchemaSource;
import io.xsql.spi.TablePart;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.IntFunction;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class MongoPartsTest {
  private static final int DOCUMENTS = 2_000;
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

  private DataTable open(String collection) {
    source = MongoSources.open(Map.of("uri", server.uri(), "database", "shop"));
    return source.tables().get(collection);
  }

  /** Documents with {@code n} from 1 to {@link #DOCUMENTS} and the ids {@code id} makes of it. */
  private void insert(String collection, IntFunction<Object> id) {
    List<Document> documents = new ArrayList<>();
    for (int i = 1; i <= DOCUMENTS; i++) {
      documents.add(new Document("_id", id.apply(i)).append("n", i).append("pad", PADDING));
    }
    server.database("shop").getCollection(collection).insertMany(documents);
  }

  @Test
  void aCollectionSplitsByIdRangesReadingEachDocumentOnce() {
    insert("events", i -> new ObjectId());
    DataTable t = open("events");
    List<TablePart> parts = t.parts(40_000);
    assertThat(parts).hasSizeBetween(4, 10);
    List<Integer> seen = new ArrayList<>();
    for (TablePart part : parts) {
      List<Integer> read = numbers(t, part, OptionalLong.empty());
      assertThat(read).as(part.name()).isNotEmpty();
      seen.addAll(read);
    }
    assertThat(seen).hasSize(DOCUMENTS).doesNotHaveDuplicates();
  }

  @Test
  void idsOfAnotherTypeThanTheBoundariesFallInTheFirstPart() {
    insert("mixed", i -> i % 10 == 0 ? "s" + i : i);
    DataTable t = open("mixed");
    List<TablePart> parts = t.parts(40_000);
    assertThat(parts).hasSizeGreaterThan(2);
    List<Integer> seen = new ArrayList<>();
    parts.forEach(p -> seen.addAll(numbers(t, p, OptionalLong.empty())));
    assertThat(seen).hasSize(DOCUMENTS).doesNotHaveDuplicates();
    assertThat(numbers(t, parts.get(0), OptionalLong.empty())).contains(10, 2_000);
  }

  @Test
  void aSmallCollectionIsOnePartAndALimitAppliesPerPart() {
    insert("small", i -> i);
    DataTable t = open("small");
    assertThat(t.parts(1L << 30)).containsExactly(TablePart.WHOLE);
    assertThat(numbers(t, TablePart.WHOLE, OptionalLong.empty())).hasSize(DOCUMENTS);
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
