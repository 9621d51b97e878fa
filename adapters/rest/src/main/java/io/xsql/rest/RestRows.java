package io.xsql.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.xsql.spi.CheckedColumns;
import io.xsql.spi.ColumnType;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.OnDrift;
import io.xsql.spi.Predicate;
import io.xsql.spi.ScanContext;
import io.xsql.spi.SourceException;
import io.xsql.spi.TextValues;
import io.xsql.spi.TypeKind;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Records as rows of the requested columns, converted by the rules of JSON files ({@link TextValues}); the
 * request's filters are checked again on the values, since an API's own matching of a parameter (case,
 * prefixes) need not be SQL's.
 */
final class RestRows {
  private final RestSchema schema;
  private final CheckedColumns columns;
  private final int[] decoded;
  private final String where;
  /** Every column's path and the paths above it: a field of a record outside them is not a column. */
  private final Set<List<String>> known = new HashSet<>();
  /** Paths holding a whole object or array as text, below which anything goes. */
  private final Set<List<String>> whole = new HashSet<>();
  private final int flattenDepth;
  private final OnDrift onDrift;
  private Optional<String> unknown = Optional.empty();
  private long drifted;
  private String firstDrift;

  RestRows(String where, RestSchema schema, int[] requested, List<Predicate> checks, int flattenDepth,
      OnDrift onDrift) {
    this.where = where;
    this.flattenDepth = flattenDepth;
    this.onDrift = onDrift;
    for (List<String> path : schema.paths()) {
      for (int n = 1; n <= path.size(); n++) {
        known.add(path.subList(0, n));
      }
    }
    for (int i = 0; i < schema.columns().size(); i++) {
      if (schema.columns().get(i).type().kind() == TypeKind.VARCHAR) {
        whole.add(schema.paths().get(i));
      }
    }
    this.schema = schema;
    this.columns = new CheckedColumns(schema.columns().size(), requested, checks, new BitSet());
    this.decoded = columns.decoded();
  }

  /**
   * The row of a record, or empty when it fails a check.
   *
   * @param position the page's URL and the record's number in it, for messages
   */
  Optional<Object[]> decode(JsonNode record, String position) {
    if (unknown.isEmpty()) {
      firstUnknown(record, new ArrayList<>(), flattenDepth)
          .ifPresent(path -> unknown = Optional.of("field '" + String.join(".", path) + "' (" + position + ")"));
    }
    Object[] row = new Object[decoded.length];
    for (int i = 0; i < decoded.length; i++) {
      row[i] = value(record, decoded[i], position);
    }
    return columns.passes(row) ? Optional.of(columns.requested(row)) : Optional.empty();
  }

  /**
   * The first field of a record that is no column (the sample did not see it): a query reports it rather
   * than drop it silently.
   */
  private Optional<List<String>> firstUnknown(JsonNode object, List<String> path, int depth) {
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      path.add(e.getKey());
      try {
        if (!known.contains(path) && !e.getValue().isNull()) {
          return Optional.of(List.copyOf(path));
        }
        if (e.getValue().isObject() && depth > 0 && !whole.contains(path)) {
          Optional<List<String>> below = firstUnknown(e.getValue(), path, depth - 1);
          if (below.isPresent()) {
            return below;
          }
        }
      } finally {
        path.remove(path.size() - 1);
      }
    }
    return Optional.empty();
  }

  /** Reports a field no column holds and values that departed from the contract, once per scan. */
  void report(ScanContext context) {
    unknown.ifPresent(field -> context.warn(where + ": " + field + " is not a column: the sample did not see it"
        + " (raise sample_size or declare it under columns:)"));
    unknown = Optional.empty();
    if (drifted > 0) {
      context.warn(drifted + " value" + (drifted == 1 ? "" : "s") + " in " + where + " departed from the schema"
          + " contract (on_drift: warn); the first at " + firstDrift);
      drifted = 0;
    }
  }

  /** A value of a kind the contract does not list: fails the scan or is counted, as {@code on_drift} says. */
  private void drift(int column, JsonNode value, String position) {
    String what = position + ": field '" + schema.columns().get(column).name() + "' holds a "
        + RestSchema.kindName(value) + " value; the contract lists " + String.join(", ",
        new TreeSet<>(schema.kinds().get(column)));
    if (onDrift == OnDrift.FAIL) {
      throw new SourceException(ErrorCode.DATA_TYPE, where + ", " + what + " (on_drift: fail)");
    }
    if (drifted++ == 0) {
      firstDrift = what;
    }
  }

  private Object value(JsonNode record, int column, String position) {
    JsonNode v = record;
    for (String name : schema.paths().get(column)) {
      v = v.isObject() ? v.get(name) : null;
      if (v == null) {
        return null;
      }
    }
    if (v.isNull()) {
      return null;
    }
    if (!schema.kinds().isEmpty() && !schema.kinds().get(column).contains(RestSchema.kindName(v))) {
      drift(column, v, position);
    }
    ColumnType type = schema.columns().get(column).type();
    boolean pinned = schema.pinned().get(column);
    try {
      return value(v, type, pinned);
    } catch (IllegalArgumentException e) {
      throw new SourceException(ErrorCode.DATA_TYPE, where + ", " + position + ": field '"
          + schema.columns().get(column).name() + "': " + e.getMessage(), e);
    }
  }

  /** A JSON value as a value of the type: an array (declared in the catalog) element by element. */
  private static Object value(JsonNode v, ColumnType type, boolean pinned) {
    if (v.isNull()) {
      return null;
    }
    if (type.kind() == TypeKind.ARRAY && v.isArray()) {
      List<Object> elements = new ArrayList<>(v.size());
      v.forEach(e -> elements.add(value(e, type.element().orElseThrow(), pinned)));
      return Collections.unmodifiableList(elements);
    }
    if (v.isNumber()) {
      return TextValues.number(v.decimalValue(), type, pinned);
    }
    if (v.isTextual()) {
      return type.kind() == TypeKind.VARCHAR ? type.fit(v.textValue(), pinned)
          : TextValues.parse(v.textValue(), type, pinned);
    }
    if (v.isBoolean() && type.kind() == TypeKind.BOOLEAN) {
      return v.booleanValue();
    }
    if (type.kind() == TypeKind.VARCHAR) {
      return type.fit(v.isBoolean() ? v.asText() : v.toString(), pinned);
    }
    throw new IllegalArgumentException("expected " + type + " but got " + RestSchema.kindName(v) + " "
        + TextValues.quote(v.toString()));
  }
}
