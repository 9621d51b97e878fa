package io.xsql.stream;

import io.xsql.spi.ConfigNode;
import io.xsql.spi.DataTable;
import io.xsql.spi.Location;
import io.xsql.spi.Options;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanContext;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SourceConfig;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.SourceException;
import io.xsql.spi.TableSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;

/** Opens stream sources from settings as a catalog entry named 'events' would give them, and reads them. */
final class StreamTestSources {
  /** The columns every test stream declares. */
  static final Map<String, String> COLUMNS = columns("id", "BIGINT", "name", "VARCHAR", "ts", "TIMESTAMP");

  private StreamTestSources() {}

  static Map<String, String> columns(String... namesAndTypes) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      out.put(namesAndTypes[i], namesAndTypes[i + 1]);
    }
    return out;
  }

  /** The table of a source named 'events' of the type with these settings and {@link #COLUMNS}. */
  static DataTable table(String type, Map<String, String> settings) {
    return table("events", type, settings);
  }

  /** The table of a source of the name and type with these settings and {@link #COLUMNS}. */
  static DataTable table(String source, String type, Map<String, String> settings) {
    Location at = new Location(Path.of("catalog.yaml"), 2, 3);
    Map<String, ConfigNode.Field> fields = new LinkedHashMap<>();
    fields.put("type", field("type", new ConfigNode.Scalar(type, at, false)));
    settings.forEach((k, v) -> fields.put(k, field(k, new ConfigNode.Scalar(v, at, false))));
    Map<String, ConfigNode.Field> columns = new LinkedHashMap<>();
    COLUMNS.forEach((k, v) -> columns.put(k, field(k, new ConfigNode.Scalar(v, at, false))));
    fields.put("columns", field("columns", new ConfigNode.Mapping(columns, at)));
    Options options = new Options("source '" + source + "'", new ConfigNode.Mapping(fields, at), Path.of("."));
    return ((TableSource) new StreamSourceFactory().open(new SourceConfig(source, type, options))).table();
  }

  private static ConfigNode.Field field(String key, ConfigNode value) {
    return new ConfigNode.Field(key, value.location(), value);
  }

  /** Every row of all columns. */
  static List<List<Object>> read(DataTable table, ScanContext context) {
    List<List<Object>> rows = new ArrayList<>();
    try (RowCursor cursor = table.scan(ScanRequest.of(List.of(0, 1, 2), context))) {
      while (cursor.next()) {
        rows.add(Arrays.asList(cursor.current()));
      }
    }
    return rows;
  }

  /** Asserts that reading the table fails with the code, within the connect timeout, naming the parts. */
  static void assertReadFails(DataTable table, ErrorCode code, String... parts) {
    long start = System.nanoTime();
    Assertions.assertThatThrownBy(() -> read(table, new TestContext()))
        .isInstanceOfSatisfying(SourceException.class, e -> Assertions.assertThat(e.code()).isEqualTo(code))
        .message().contains(parts);
    Assertions.assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);
  }

  /** Asserts that no message of the failure or its causes shows the password the tests use, s3cret. */
  static void hasNoSecret(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      Assertions.assertThat(String.valueOf(t.getMessage())).doesNotContain("s3cret");
    }
  }

  /** A message of the test columns, its time given in milliseconds since 1970. */
  static byte[] message(long id, String name, long ts) {
    return ("{\"id\": " + id + ", \"name\": \"" + name + "\", \"ts\": " + ts + "}").getBytes();
  }
}
