package io.xsql.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.spi.CatalogException;
import io.xsql.spi.DataTable;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SchemaSource;
import io.xsql.spi.SourceException;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

final class MongoFaultTest {
  private static final String PASSWORD = "s3cret-pw";

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** The message and every cause's message, where a password must never be. */
  private static String chain(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      b.append(t).append('\n');
    }
    return b.toString();
  }

  @Test
  void anUnknownKeyFailsWithFileAndLine() {
    assertThatThrownBy(() -> MongoSources.open(Map.of("uri", "mongodb://h/", "database", "d",
        "sample_sise", 10)))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("catalog.yaml:")
        .hasMessageContaining("source 'shop': unknown key 'sample_sise'");
  }

  @Test
  void aBadUriFailsWithoutEchoingIt() {
    assertThatThrownBy(() -> MongoSources.open(Map.of("uri", "mongo://app:" + PASSWORD + "@h", "database", "d")))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("key 'uri'")
        .satisfies(e -> assertThat(chain(e)).doesNotContain(PASSWORD));
  }

  @Test
  void aMissingDatabaseFails() {
    assertThatThrownBy(() -> MongoSources.open(Map.of("uri", "mongodb://h/")))
        .isInstanceOf(CatalogException.class).hasMessageContaining("key 'database': is required");
  }

  @Test
  void anUnreachableServerFailsTheQueryNotTheOpenAndNeverShowsThePassword() throws IOException {
    String uri = "mongodb://app:" + PASSWORD + "@127.0.0.1:" + freePort() + "/?serverSelectionTimeoutMS=300";
    long start = System.nanoTime();
    try (SchemaSource source = MongoSources.open(Map.of("uri", uri, "database", "shop"))) {
      assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
      assertThatThrownBy(source::tables)
          .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECT))
          .hasMessageContaining("source 'shop' (mongodb://127.0.0.1:")
          .satisfies(e -> assertThat(chain(e)).doesNotContain(PASSWORD));
    }
  }

  @Test
  void aServerGoneAfterPlanningFailsTheScanOnItsFirstRead() {
    MongoTestServer server = new MongoTestServer();
    server.database("shop").getCollection("orders").insertOne(new Document("_id", 1));
    try (SchemaSource source = MongoSources.open(Map.of("uri", server.uri().replace("2000", "300"),
        "database", "shop"))) {
      DataTable orders = source.tables().get("orders");
      assertThat(orders.columns()).hasSize(1);
      server.stop();
      RowCursor cursor = orders.scan(ScanRequest.of(List.of(0), new TestContext()));
      assertThatThrownBy(cursor::next)
          .isInstanceOfSatisfying(SourceException.class,
              e -> assertThat(e.code()).isIn(ErrorCode.CONNECT, ErrorCode.CONNECTION_LOST))
          .hasMessageContaining("source 'shop'")
          .hasMessageContaining("collection 'orders'");
      cursor.close();
    }
  }
}
