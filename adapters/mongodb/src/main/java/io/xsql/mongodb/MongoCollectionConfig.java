package io.xsql.mongodb;

import io.xsql.spi.ColumnType;
import io.xsql.spi.Options;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the catalog says about one collection.
 *
 * @param columns column types fixed in the catalog, by dotted field path; they win over the sample, and a
 *     field the sample never saw still becomes a column
 * @param hidden field paths that are not columns (with everything below them), such as {@code _id}
 * @param unwind tables of one row per array element: the table's name by the array's dotted path
 * @param rename column names for field paths, such as {@code _id: customer_id}: filters and lookups on the
 *     column go to the field (and so to {@code _id}'s index)
 */
record MongoCollectionConfig(Map<String, ColumnType> columns, Set<String> hidden, Map<String, String> unwind,
    Map<String, String> rename) {
  static final MongoCollectionConfig DEFAULT = new MongoCollectionConfig(Map.of(), Set.of(), Map.of(), Map.of());

  private static final Set<String> KEYS = Set.of("columns", "hidden", "unwind", "rename");

  MongoCollectionConfig {
    columns = Map.copyOf(columns);
    hidden = Set.copyOf(hidden);
    unwind = Map.copyOf(unwind);
    rename = Map.copyOf(rename);
  }

  static MongoCollectionConfig parse(Options o) {
    o.allowOnly(KEYS);
    Map<String, String> unwind = new LinkedHashMap<>();
    o.stringMap("unwind").forEach((path, table) -> unwind.put(path, table.text()));
    Map<String, String> rename = new LinkedHashMap<>();
    o.stringMap("rename").forEach((path, name) -> rename.put(path, name.text()));
    return new MongoCollectionConfig(o.columnTypes("columns"), Set.copyOf(o.strings("hidden")), unwind, rename);
  }

  /** The column name of a field path: its dotted path unless renamed. */
  String name(List<String> path) {
    String dotted = String.join(".", path);
    return rename.getOrDefault(dotted, dotted);
  }

  /** The field path of a column name or dotted path (the inverse of {@link #name}). */
  List<String> path(String name) {
    return rename.entrySet().stream().filter(e -> e.getValue().equals(name)).findFirst()
        .map(e -> List.of(e.getKey().split("\\."))).orElseGet(() -> List.of(name.split("\\.")));
  }

  /** A type the catalog fixes for a field, given by its path or its column name. */
  Optional<ColumnType> pinned(List<String> path) {
    return Optional.ofNullable(columns.get(String.join(".", path))).or(() -> Optional.ofNullable(columns.get(
        name(path))));
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
