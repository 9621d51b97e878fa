package io.xsql.file;

import io.xsql.spi.ConfigNode;
import io.xsql.spi.DataTable;
import io.xsql.spi.Location;
import io.xsql.spi.Options;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanContext;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.Source;
import io.xsql.spi.SourceConfig;
import io.xsql.spi.TableSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Opens file sources as the catalog would, and reads them, for tests. */
final class FileSources {
  private FileSources() {}

  /** Settings as a catalog entry: lists become sequences, maps become mappings; key n on line n + 1. */
  static DataTable open(Path dir, String type, Map<String, Object> settings) {
    return ((TableSource) source(dir, type, settings)).table();
  }

  /** What opening the source reported. */
  static List<String> notes(Path dir, String type, Map<String, Object> settings) {
    return source(dir, type, settings).warnings();
  }

  private static Source source(Path dir, String type, Map<String, Object> settings) {
    Path catalog = dir.resolve("catalog.yaml");
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("type", type);
    all.putAll(settings);
    ConfigNode.Mapping mapping = (ConfigNode.Mapping) node(all, catalog, new int[] {1});
    Options options = new Options("source 't'", mapping, dir);
    return new FileSourceFactory().open(new SourceConfig("t", type, options));
  }

  private static ConfigNode node(Object value, Path catalog, int[] line) {
    Location at = new Location(catalog, line[0]++, 3);
    if (value instanceof Map<?, ?> map) {
      Map<String, ConfigNode.Field> fields = new LinkedHashMap<>();
      map.forEach((k, v) -> {
        Location keyAt = new Location(catalog, line[0], 3);
        fields.put((String) k, new ConfigNode.Field((String) k, keyAt, node(v, catalog, line)));
      });
      return new ConfigNode.Mapping(fields, at);
    }
    if (value instanceof List<?> list) {
      return new ConfigNode.Sequence(list.stream().map(v -> node(v, catalog, line)).toList(), at);
    }
    return new ConfigNode.Scalar(String.valueOf(value), at, false);
  }

  /** Reads all columns of all rows, as lists. */
  static List<List<Object>> read(DataTable table, RecordingContext context) {
    return read(table, ScanRequest.of(
        IntStream.range(0, table.columns().size()).boxed().toList(), context));
  }

  static List<List<Object>> read(DataTable table, ScanRequest request) {
    List<List<Object>> rows = new ArrayList<>();
    try (RowCursor c = table.scan(request)) {
      while (c.next()) {
        rows.add(Arrays.asList(c.current()));
      }
    }
    return rows;
  }

  /** A scan context that keeps warnings. */
  static final class RecordingContext implements ScanContext {
    final List<String> warnings = new ArrayList<>();

    @Override
    public boolean isCanceled() {
      return false;
    }

    @Override
    public AutoCloseable onCancel(Runnable action) {
      return () -> { };
    }

    @Override
    public void warn(String message) {
      warnings.add(message);
    }
  }
}
