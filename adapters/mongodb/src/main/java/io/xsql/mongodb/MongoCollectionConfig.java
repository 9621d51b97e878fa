package io.xsql.mongodb;

import io.xsql.spi.ColumnType;
import io.xsql.spi.Options;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the catalog says about one collection.
 *
 * @param columns column types fixed in the catalog, by dotted field path; they win over the sample, and a
 *     field the sample never saw still becomes a column
 * @param hidden field paths that are not columns (with everything below them), such as {@code _id}
 * @param unwind tables of one row per array element: the table's name by the array's dotted path
 */
record MongoCollectionConfig(Map<String, ColumnType> columns, Set<String> hidden, Map<String, String> unwind) {
  static final MongoCollectionConfig DEFAULT = new MongoCollectionConfig(Map.of(), Set.of(), Map.of());

  private static final Set<String> KEYS = Set.of("columns", "hidden", "unwind");

  MongoCollectionConfig {
    columns = Map.copyOf(columns);
    hidden = Set.copyOf(hidden);
    unwind = Map.copyOf(unwind);
  }

  static MongoCollectionConfig parse(Options o) {
    o.allowOnly(KEYS);
    Map<String, String> unwind = new LinkedHashMap<>();
    o.stringMap("unwind").forEach((path, table) -> unwind.put(path, table.text()));
    return new MongoCollectionConfig(o.columnTypes("columns"), Set.copyOf(o.strings("hidden")), unwind);
  }

  /** Whether a field path is hidden, itself or through a hidden parent. */
  boolean hides(List<String> path) {
    for (int n = 1; n <= path.size(); n++) {
      if (hidden.contains(String.join(".", path.subList(0, n)))) {
        return true;
      }
    }
    return false;
  }
}
