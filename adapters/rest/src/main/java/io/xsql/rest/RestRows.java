package io.xsql.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.xsql.spi.ColumnType;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.Predicate;
import io.xsql.spi.SourceException;
import io.xsql.spi.TextValues;
import io.xsql.spi.TypeKind;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Records as rows of the requested columns, converted by the rules of JSON files ({@link TextValues}); the
 * request's filters are checked again on the values, since an API's own matching of a parameter (case,
 * prefixes) need not be SQL's.
 */
final class RestRows {
  private final RestSchema schema;
  private final int width;
  private final int[] decoded;
  private final int[] slot;
  private final List<Predicate> checks;
  private final String where;

  RestRows(String where, RestSchema schema, int[] requested, List<Predicate> checks) {
    this.where = where;
    this.schema = schema;
    this.width = requested.length;
    this.checks = List.copyOf(checks);
    BitSet extra = new BitSet();
    checks.forEach(p -> extra.or(p.columns()));
    Arrays.stream(requested).forEach(extra::clear);
    this.decoded = IntStream.concat(Arrays.stream(requested), extra.stream()).toArray();
    this.slot = new int[schema.columns().size()];
    for (int out = decoded.length - 1; out >= 0; out--) {
      slot[decoded[out]] = out;
    }
  }

  /**
   * The row of a record, or empty when it fails a check.
   *
   * @param position the page's URL and the record's number in it, for messages
   */
  Optional<Object[]> decode(JsonNode record, String position) {
    Object[] row = new Object[decoded.length];
    for (int i = 0; i < decoded.length; i++) {
      row[i] = value(record, decoded[i], position);
    }
    for (Predicate check : checks) {
      if (!check.test(c -> row[slot[c]])) {
        return Optional.empty();
      }
    }
    return Optional.of(row.length == width ? row : Arrays.copyOf(row, width));
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
    ColumnType type = schema.columns().get(column).type();
    boolean pinned = schema.pinned().get(column);
    try {
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
      throw new IllegalArgumentException("expected " + type + " but got " + v.getNodeType().name()
          .toLowerCase(java.util.Locale.ROOT) + " " + TextValues.quote(v.toString()));
    } catch (IllegalArgumentException e) {
      throw new SourceException(ErrorCode.DATA_TYPE, where + ", " + position + ": field '"
          + schema.columns().get(column).name() + "': " + e.getMessage(), e);
    }
  }
}
