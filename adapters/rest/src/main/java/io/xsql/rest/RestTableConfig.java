package io.xsql.rest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonPointer;
import io.xsql.spi.ColumnType;
import io.xsql.spi.Options;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One table of a REST source ({@code tables: { name: {...} }}).
 *
 * @param name the table's name
 * @param path the path below the source's URL, with {@code {param}} placeholders
 * @param records where the records are in a response body: an array, or one object
 * @param paging how the listing continues
 * @param params the parameters columns fill, by parameter name (path parameters included)
 * @param columns column types fixed in the catalog, which win over the sample
 */
record RestTableConfig(String name, String path, JsonPointer records, RestPaging paging,
    Map<String, RestParam> params, Map<String, ColumnType> columns) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");
  private static final Set<String> KEYS = Set.of("path", "records", "paging", "params", "columns");
  private static final Set<String> PARAM_KEYS = Set.of("column", "batch", "separator", "required");

  RestTableConfig {
    requireNonNull(name, "name is null");
    requireNonNull(path, "path is null");
    requireNonNull(records, "records is null");
    requireNonNull(paging, "paging is null");
    params = Map.copyOf(params);
    columns = Map.copyOf(columns);
  }

  static RestTableConfig parse(String name, Options o) {
    o.allowOnly(KEYS);
    String path = o.requireString("path");
    List<String> placeholders = placeholders(o, path);
    Map<String, RestParam> params = new LinkedHashMap<>();
    o.child("params").ifPresent(ps -> {
      for (String param : ps.keys()) {
        Options p = ps.child(param).orElseThrow(() -> ps.error(param, "expected { column: ... }"));
        p.allowOnly(PARAM_KEYS);
        boolean inPath = placeholders.contains(param);
        int batch = p.integer("batch", 0, 0);
        if (inPath && batch > 1) {
          throw p.error("batch", "a path parameter takes one value per request");
        }
        params.put(param, new RestParam(param, p.string("column").orElse(param),
            batch > 0 ? OptionalInt.of(batch) : OptionalInt.empty(), p.string("separator").orElse(","),
            inPath || p.bool("required", false), inPath));
      }
    });
    for (String placeholder : placeholders) {
      params.putIfAbsent(placeholder, new RestParam(placeholder, placeholder, OptionalInt.empty(), ",", true,
          true));
    }
    return new RestTableConfig(name, path, pointer(o, "records", o.string("records").orElse("/")),
        RestPaging.parse(o), params, o.columnTypes("columns"));
  }

  /** The {@code {name}}s of a path, which must be balanced. */
  private static List<String> placeholders(Options o, String path) {
    List<String> out = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(path);
    while (m.find()) {
      out.add(m.group(1));
    }
    if (path.replaceAll(PLACEHOLDER.pattern(), "").matches(".*[{}].*")) {
      throw o.error("path", "has an unbalanced '{' or '}': " + path);
    }
    return out;
  }

  /** A JSON pointer; {@code /} (or empty) is the whole body. */
  static JsonPointer pointer(Options o, String key, String text) {
    if (text.equals("/") || text.isEmpty()) {
      return JsonPointer.empty();
    }
    try {
      return JsonPointer.compile(text);
    } catch (IllegalArgumentException e) {
      throw o.error(key, "is not a JSON pointer such as /data/items: " + text);
    }
  }

  /** The parameters a column fills. */
  List<RestParam> paramsOf(String column) {
    return params.values().stream().filter(p -> p.column().equals(column)).toList();
  }
}
