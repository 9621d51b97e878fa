package io.xsql.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.xsql.spi.Catalog;
import io.xsql.spi.Column;
import io.xsql.spi.DataTable;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanContext;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SchemaSource;
import io.xsql.spi.SourceFactories;
import io.xsql.spi.TablePart;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class RestPartsTest {
  /** About the bytes of three pages of ten records. */
  private static final long THREE_PAGES = 3 * 10 * 30;

  private final AtomicInteger records = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private HttpServer api;
  private SchemaSource source;
  @TempDir
  private Path dir;

  @BeforeEach
  void start() throws IOException {
    api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    api.createContext("/items", this::items);
    api.start();
  }

  @AfterEach
  void stop() {
    if (source != null) {
      source.close();
    }
    api.stop(0);
  }

  /** {@code ?offset=&limit=}, or {@code ?page=&per_page=} with pages from 1; records {"n": 1}... */
  private void items(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    Map<String, Integer> query = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    for (String pair : raw == null ? new String[0] : raw.split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(kv[0], Integer.parseInt(kv[1]));
    }
    int size = query.getOrDefault("limit", query.getOrDefault("per_page", records.get()));
    int from = query.containsKey("page") ? (query.get("page") - 1) * size : query.getOrDefault("offset", 0);
    String page = IntStream.rangeClosed(from + 1, Math.min(records.get(), from + size))
        .mapToObj(i -> "{\"n\": " + i + ", \"text\": \"padding\"}").collect(Collectors.joining(","));
    byte[] body = ("{\"data\": [" + page + "]}").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private DataTable open(String paging) throws IOException {
    Path file = dir.resolve("catalog.yaml");
    Files.writeString(file, "sources:\n  api:\n    type: rest\n    url: \"http://127.0.0.1:"
        + api.getAddress().getPort() + "\"\n    tables:\n      items: { path: /items, records: /data, paging: "
        + paging + " }\n");
    source = (SchemaSource) SourceFactories.open(Catalog.read(file, name -> null).sources().get(0));
    return source.tables().get("items");
  }

  @Test
  void offsetPagingSplitsIntoPageRangesReadingEachRecordOnce() throws IOException {
    DataTable t = open("{ type: offset, page_size: 10 }");
    for (int count : List.of(300, 295)) {
      records.set(count);
      List<TablePart> parts = t.parts(THREE_PAGES);
      assertThat(parts).as("%d records", count).hasSizeGreaterThan(5)
          .allSatisfy(p -> assertThat(p.name()).isEqualTo("pages"));
      assertThat(parts.get(parts.size() - 1).end()).isEqualTo(TablePart.TO_END);
      assertThat(numbers(t, parts)).as("%d records", count).hasSize(count).doesNotHaveDuplicates();
    }
  }

  @Test
  void pagePagingSplitsAndTheLastRangeReadsRecordsAddedSince() throws IOException {
    records.set(200);
    DataTable t = open("{ type: page, page_size: 10 }");
    List<TablePart> parts = t.parts(THREE_PAGES);
    assertThat(parts).hasSizeGreaterThan(5);
    records.set(230);
    assertThat(numbers(t, parts)).hasSize(230).doesNotHaveDuplicates();
  }

  @Test
  void aListingOfOneRangeIsWholeAndMeasuringItTakesFewRequests() throws IOException {
    records.set(1_000);
    DataTable t = open("{ type: offset, page_size: 10 }");
    t.columns();
    requests.set(0);
    assertThat(t.parts(1L << 30)).containsExactly(TablePart.WHOLE);
    assertThat(requests.get()).as("the first page and the one after the first range").isEqualTo(2);
    requests.set(0);
    t.parts(THREE_PAGES);
    // 100 pages of about 300 bytes: pages 0, 3, 6, 12 ... 192, then halving back to page 100.
    assertThat(requests.get()).isBetween(8, 16);
  }

  @Test
  void otherPagingIsOneSplitWithoutAsking() throws IOException {
    records.set(100);
    DataTable t = open("{ type: link }");
    t.columns();
    requests.set(0);
    assertThat(t.parts(1)).containsExactly(TablePart.WHOLE);
    assertThat(requests.get()).isZero();
  }

  private static List<Integer> numbers(DataTable t, List<TablePart> parts) {
    int n = t.columns().stream().map(Column::name).toList().indexOf("n");
    List<Integer> out = new ArrayList<>();
    for (TablePart part : parts) {
      try (RowCursor cursor = t.scan(new ScanRequest(List.of(n), List.of(), OptionalLong.empty(),
          ScanContext.detached()), part)) {
        while (cursor.next()) {
          out.add(((Number) cursor.current()[0]).intValue());
        }
      }
    }
    return out;
  }
}
