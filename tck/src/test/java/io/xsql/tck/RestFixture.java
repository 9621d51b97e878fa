package io.xsql.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Serves the dataset as a JSON API on loopback ({@link TestApi}), 5 records a page with offset paging and
 * {@code id} a request parameter the API filters by, and declares it as source {@code db}. Dates and
 * timestamps travel as ISO text, as APIs send them; the DECIMAL column is pinned, since JSON numbers carry
 * no precision.
 */
final class RestFixture implements SourceFixture {
  private static final int PAGE = 5;
  private TestApi api;

  @Override
  public Connection connect(Dataset data, String table, Path dir) throws SQLException {
    List<String> records = new ArrayList<>();
    List<Object> ids = new ArrayList<>();
    for (Object[] row : data.rows()) {
      records.add(json(data.names(), row));
      ids.add(row[0]);
    }
    serve("/" + table, records, ids);
    String pinned = data.columns().stream().filter(c -> c.type().startsWith("DECIMAL"))
        .map(c -> c.name() + ": \"" + c.type() + "\"").collect(Collectors.joining(", "));
    return connect(dir, "db", "tables: { " + table + ": { path: /" + table + ", records: /data, paging: { type:"
        + " offset, page_size: " + PAGE + " }, params: { id: { column: id } }, columns: { " + pinned + " } } }");
  }

  /** The sample sees only the first record, so the text in the second comes as a surprise to the scan. */
  @Override
  public Optional<Connection> connectBroken(String table, Path dir) throws SQLException {
    serve("/" + table, List.of("{\"id\": 1, \"name\": \"x\"}", "{\"id\": \"abc\", \"name\": \"y\"}"),
        List.of(1, "abc"));
    return Optional.of(connect(dir, table, "sample_size: 1, tables: { " + table + ": { path: /" + table
        + ", records: /data } }"));
  }

  @Override
  public boolean pushesFilters() {
    return true;
  }

  private synchronized void serve(String path, List<String> records, List<Object> ids) {
    try {
      if (api == null) {
        api = new TestApi();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    api.on(path, call -> {
      List<String> selected = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        if (call.param("id") == null || call.param("id").equals(String.valueOf(ids.get(i)))) {
          selected.add(records.get(i));
        }
      }
      int offset = call.intParam("offset", 0);
      int limit = call.intParam("limit", selected.size());
      return TestApi.Answer.json("{\"data\": [" + String.join(",", selected.subList(Math.min(offset,
          selected.size()), Math.min(selected.size(), offset + limit))) + "]}");
    });
  }

  private Connection connect(Path dir, String source, String settings) throws SQLException {
    Path catalog = dir.resolve(source + "-catalog.yaml");
    try {
      Files.writeString(catalog, "sources:\n  " + source + ": { type: rest, url: \"" + api.url() + "\", "
          + settings + " }\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return DriverManager.getConnection("jdbc:xsql:catalog=" + catalog + ";schema=" + source);
  }

  /** A record: every column in order, NULLs as JSON null. */
  private static String json(List<String> names, Object[] row) {
    List<String> fields = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      Object v = row[i];
      String value = v == null ? "null" : v instanceof Number || v instanceof Boolean
          ? (v instanceof BigDecimal d ? d.toPlainString() : v.toString()) : quote(v.toString());
      fields.add(quote(names.get(i)) + ": " + value);
    }
    return "{" + String.join(", ", fields) + "}";
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }

  @Override
  public synchronized void close() {
    if (api != null) {
      api.close();
      api = null;
    }
  }
}
