package io.xsql.mongodb;

import com.mongodb.event.CommandListener;
import io.xsql.spi.ConfigNode;
import io.xsql.spi.DataTable;
import io.xsql.spi.Location;
import io.xsql.spi.Options;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanContext;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SchemaContract;
import io.xsql.spi.SchemaSource;
import io.xsql.spi.SourceConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Opens MongoDB sources as the catalog would, and reads their tables, for tests. */
final class MongoSources {
  static final Path CATALOG = Path.of("catalog.yaml");

  private MongoSources() {}

  /**
   * Settings as a catalog entry named 'shop' (maps and lists nest): key n on line n + 1.
   */
  static SchemaSource open(Map<String, Object> settings) {
    return (SchemaSource) new MongoSourceFactory().open(config(settings));
  }

  /** The source with a client that reports each command it sends to the listener. */
  static MongoSource open(Map<String, Object> settings, CommandListener listener) {
    return new MongoSource(MongoConfig.parse(config(settings)), List.of(listener));
  }

  /** The source with a contract, as a {@code schema:} file would give it, and a listener. */
  static MongoSource open(Map<String, Object> settings, CommandListener listener, SchemaContract contract) {
    MongoConfig c = MongoConfig.parse(config(settings));
    return new MongoSource(new MongoConfig(c.source(), c.connection(), c.address(), c.database(), c.sampleSize(),
        c.flattenDepth(), c.collections(), Optional.of(contract), c.onError(), c.onDrift()), List.of(listener));
  }

  private static SourceConfig config(Map<String, Object> settings) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("type", "mongodb");
    all.putAll(settings);
    ConfigNode.Mapping mapping = (ConfigNode.Mapping) node(all, new int[] {1});
    Options options = new Options("source 'shop'", mapping, Path.of("."));
    return new SourceConfig("shop", "mongodb", options);
  }

  private static ConfigNode node(Object value, int[] line) {
    Location at = new Location(CATALOG, line[0]++, 3);
    if (value instanceof Map<?, ?> map) {
      Map<String, ConfigNode.Field> fields = new LinkedHashMap<>();
      map.forEach((k, v) -> {
        ConfigNode child = node(v, line);
        fields.put((String) k, new ConfigNode.Field((String) k, child.location(), child));
      });
      return new ConfigNode.Mapping(fields, at);
    }
    if (value instanceof List<?> list) {
      return new ConfigNode.Sequence(list.stream().map(v -> node(v, line)).toList(), at);
    }
    return new ConfigNode.Scalar(String.valueOf(value), at, false);
  }

  /** All rows of the given columns. */
  static List<List<Object>> read(DataTable table, ScanContext context, Integer... columns) {
    List<List<Object>> rows = new ArrayList<>();
    try (RowCursor cursor = table.scan(ScanRequest.of(List.of(columns), context))) {
      while (cursor.next()) {
        rows.add(Arrays.asList(cursor.current()));
      }
    }
    return rows;
  }
}
