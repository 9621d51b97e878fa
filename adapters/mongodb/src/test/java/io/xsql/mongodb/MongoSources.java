package io.xsql.mongodb;

import io.xsql.spi.ConfigNode;
import io.xsql.spi.DataTable;
import io.xsql.spi.Location;
import io.xsql.spi.Options;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanContext;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SchemaSource;
import io.xsql.spi.SourceConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Opens MongoDB sources as the catalog would, and reads their tables, for tests. */
final class MongoSources {
  static final Path CATALOG = Path.of("catalog.yaml");

  private MongoSources() {}

  /** Settings as a catalog entry named 'shop': key n on line n + 1. */
  static SchemaSource open(Map<String, Object> settings) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("type", "mongodb");
    all.putAll(settings);
    Map<String, ConfigNode.Field> fields = new LinkedHashMap<>();
    int line = 2;
    for (Map.Entry<String, Object> e : all.entrySet()) {
      Location at = new Location(CATALOG, line++, 3);
      fields.put(e.getKey(), new ConfigNode.Field(e.getKey(), at,
          new ConfigNode.Scalar(String.valueOf(e.getValue()), at, false)));
    }
    ConfigNode.Mapping mapping = new ConfigNode.Mapping(fields, new Location(CATALOG, 1, 1));
    Options options = new Options("source 'shop'", mapping, Path.of("."));
    return (SchemaSource) new MongoSourceFactory().open(new SourceConfig("shop", "mongodb", options));
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
