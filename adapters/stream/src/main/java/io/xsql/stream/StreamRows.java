package io.xsql.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.xsql.spi.CheckedColumns;
import io.xsql.spi.Column;
import io.xsql.spi.ColumnType;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.ErrorLog;
import io.xsql.spi.OnError;
import io.xsql.spi.ScanContext;
import io.xsql.spi.SourceException;
import io.xsql.spi.TextValues;
import io.xsql.spi.TypeKind;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON message's body as a row of the requested columns, by the declared {@code columns}: fields are
 * matched by name, other fields are skipped unread, a missing field is NULL. Values convert by the rules
 * every schemaless source shares ({@link TextValues}); a TIMESTAMP may also be a number of milliseconds
 * since 1970, as producers often write it. Malformed messages and misfit values follow {@code on_error}.
 */
final class StreamRows {
  private static final JsonFactory JSON = new JsonFactory();

  /** Ends the reading of a message that {@code on_error: skip} leaves out. */
  private static final class Skip extends RuntimeException {
    Skip() {
      super(null, null, false, false);
    }
  }

  private static final Skip SKIP = new Skip();

  private final String where;
  private final OnError onError;
  private final ErrorLog errors;
  private final CheckedColumns checked;
  private final int width;
  /** For each field name read, its column's type and the row slots it fills. */
  private final Map<String, Slot> slots = new HashMap<>();

  private record Slot(String name, ColumnType type, int[] outs) {}

  /**
   * @param where the source and its stream or queue, for messages
   * @param requested the table columns to return, in output order; with {@code on_error: skip} every column
   *     is read, so that which messages are left out never depends on the query
   */
  StreamRows(String where, List<Column> columns, int[] requested, OnError onError) {
    this.where = where;
    this.onError = onError;
    this.errors = new ErrorLog(where);
    BitSet all = new BitSet();
    if (onError == OnError.SKIP) {
      all.set(0, columns.size());
    }
    this.checked = new CheckedColumns(columns.size(), requested, List.of(), all);
    int[] decoded = checked.decoded();
    this.width = decoded.length;
    for (int out = 0; out < decoded.length; out++) {
      Column c = columns.get(decoded[out]);
      Slot s = slots.get(c.name());
      int[] outs = s == null ? new int[] {out} : Arrays.copyOf(s.outs(), s.outs().length + 1);
      outs[outs.length - 1] = out;
      slots.put(c.name(), new Slot(c.name(), c.type(), outs));
    }
  }

  /** The row of a message, or empty when {@code on_error} leaves it out. */
  Optional<Object[]> decode(StreamMessage message) {
    Object[] row = new Object[width];
    try (JsonParser p = JSON.createParser(message.body())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return malformed(message, "is not a JSON object", null);
      }
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        Slot slot = slots.get(p.currentName());
        JsonToken value = p.nextToken();
        if (slot == null) {
          p.skipChildren();
          continue;
        }
        Object v = value(p, value, slot, message);
        for (int out : slot.outs()) {
          row[out] = v;
        }
      }
      if (p.nextToken() != null) {
        return malformed(message, "holds more than one JSON value", null);
      }
    } catch (IOException e) {
      return malformed(message, "is not valid JSON", e);
    } catch (Skip e) {
      return Optional.empty();
    }
    return Optional.of(checked.requested(row));
  }

  /** Reports what {@code on_error} set aside, once. */
  void report(ScanContext context) {
    errors.report(context);
  }

  private Object value(JsonParser p, JsonToken token, Slot slot, StreamMessage message) throws IOException {
    ColumnType type = slot.type();
    try {
      return switch (token) {
        case VALUE_NULL -> null;
        case VALUE_NUMBER_INT -> type.kind() == TypeKind.TIMESTAMP ? (Object) p.getLongValue()
            : TextValues.number(p.getDecimalValue(), type, true);
        case VALUE_NUMBER_FLOAT -> TextValues.number(p.getDecimalValue(), type, true);
        case VALUE_STRING -> type.kind() == TypeKind.VARCHAR ? type.fit(p.getText(), true)
            : TextValues.parse(p.getText(), type, true);
        case VALUE_TRUE, VALUE_FALSE -> switch (type.kind()) {
          case BOOLEAN -> token == JsonToken.VALUE_TRUE;
          case VARCHAR -> type.fit(p.getText(), true);
          default -> throw new IllegalArgumentException("expected " + type + " but got " + p.getText());
        };
        case START_OBJECT, START_ARRAY -> {
          if (type.kind() != TypeKind.VARCHAR) {
            p.skipChildren();
            throw new IllegalArgumentException("expected " + type + " but got a JSON "
                + (token == JsonToken.START_OBJECT ? "object" : "array"));
          }
          yield type.fit(json(p), true);
        }
        default -> throw new IllegalArgumentException("expected " + type + " but got " + token);
      };
    } catch (IllegalArgumentException | ArithmeticException e) {
      return misfit(message, slot.name(), e);
    }
  }

  /** A nested object or array as its JSON text, for a VARCHAR column. */
  private static String json(JsonParser p) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.copyCurrentStructure(p);
    }
    return out.toString();
  }

  /** A value that does not fit its column: fails the query, is read as NULL, or leaves the message out. */
  private Object misfit(StreamMessage message, String field, RuntimeException e) {
    String problem = where + ", " + message.position() + ": field '" + field + "': " + e.getMessage();
    switch (onError) {
      case FAIL -> throw new SourceException(ErrorCode.DATA_TYPE, problem + " (on_error: fail)", e);
      case SKIP -> {
        errors.skipped(message.order(), () -> problem);
        throw SKIP;
      }
      default -> {
        errors.nulled(message.order(), () -> problem);
        return null;
      }
    }
  }

  /** A message that is no JSON object: fails the query, or is left out (and counted). */
  private Optional<Object[]> malformed(StreamMessage message, String what, IOException cause) {
    String problem = where + ", " + message.position() + ": the message " + what;
    if (onError == OnError.FAIL) {
      throw new SourceException(ErrorCode.DATA, problem + " (on_error: fail)", cause);
    }
    errors.skipped(message.order(), () -> problem);
    return Optional.empty();
  }
}
