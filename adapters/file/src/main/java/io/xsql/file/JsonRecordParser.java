package io.xsql.file;

import io.xsql.spi.Column;
import io.xsql.spi.ColumnType;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.TypeKind;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Parses JSON objects from UTF-8 bytes, converting only the values of needed keys to their columns' types
 * and skipping everything else without building it. The whole object is still checked to be valid JSON,
 * so a damaged record never passes for a good one.
 */
final class JsonRecordParser {
  private final JsonPaths paths;
  private final List<Column> columns;
  private final BitSet pinned;
  private final boolean nullBadValues;
  /** Values of the last record read as NULL because they did not fit (with {@code nullBadValues}). */
  private final List<String> nulled = new ArrayList<>();
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private final StringBuilder text = new StringBuilder();
  private byte[] b;
  private int pos;
  private int end;
  private Object[] values;
  // The number token last scanned.
  private boolean fraction;
  private boolean exponent;

  /**
   * A parser of records into the given columns.
   *
   * @param nullBadValues whether a value that does not fit its column is read as NULL (noted in
   *     {@link #nulled()}) instead of failing the record
   */
  JsonRecordParser(JsonPaths paths, List<Column> columns, BitSet pinned, boolean nullBadValues) {
    this.paths = paths;
    this.columns = columns;
    this.pinned = pinned;
    this.nullBadValues = nullBadValues;
  }

  /** A parser converting the needed columns of a schema, found at their key paths. */
  static JsonRecordParser of(FileSchema schema, BitSet needed, boolean nullBadValues) {
    List<List<String>> keyPaths = new ArrayList<>();
    List<Integer> slots = new ArrayList<>();
    for (int c = needed.nextSetBit(0); c >= 0; c = needed.nextSetBit(c + 1)) {
      keyPaths.add(schema.paths().get(c));
      slots.add(c);
    }
    return new JsonRecordParser(JsonPaths.of(keyPaths, slots), schema.columns(), schema.pinned(), nullBadValues);
  }

  /** What the last record had that did not fit and was read as NULL. */
  List<String> nulled() {
    return nulled;
  }

  /**
   * Parses the object in {@code b[start, end)}, which holds nothing else but white space, into
   * {@code values} (needed slots only; slots the object lacks are left as they are).
   *
   * @throws MalformedRecordException at the first problem; {@link #errorOffset()} says where
   */
  void parseRecord(byte[] buffer, int start, int limit, Object[] into) {
    b = buffer;
    pos = start;
    end = limit;
    values = into;
    nulled.clear();
    whitespace();
    if (pos >= end || b[pos] != '{') {
      throw error(ErrorCode.DATA, "expected a JSON object");
    }
    pos++;
    object(paths);
    whitespace();
    if (pos != end) {
      throw error(ErrorCode.DATA, "unexpected content after the object");
    }
  }

  /** Where the last error was found, as an offset into the buffer. */
  int errorOffset() {
    return pos;
  }

  private void object(JsonPaths node) {
    whitespace();
    if (peek() == '}') {
      pos++;
      return;
    }
    while (true) {
      whitespace();
      if (peek() != '"') {
        throw error(ErrorCode.DATA, "expected a field name in double quotes");
      }
      int keyStart = ++pos;
      boolean escaped = stringEnd();
      int keyEnd = pos - 1;
      whitespace();
      if (next() != ':') {
        pos--;
        throw error(ErrorCode.DATA, "expected ':' after a field name");
      }
      whitespace();
      int match = node == null || node.isEmpty() ? -1 : escaped
          ? node.indexOf(string(keyStart, keyEnd, true)) : node.indexOf(b, keyStart, keyEnd);
      if (match < 0) {
        skipValue();
      } else if (node.slot(match) >= 0) {
        int slot = node.slot(match);
        try {
          values[slot] = value(columns.get(slot).type(), pinned.get(slot));
        } catch (MalformedRecordException e) {
          if (e.code() != ErrorCode.DATA_TYPE) {
            throw e;
          }
          // The value's bytes are consumed: the record can go on without it.
          String message = "column '" + columns.get(slot).name() + "': " + e.getMessage();
          if (!nullBadValues) {
            throw new MalformedRecordException(e.code(), message, true);
          }
          values[slot] = null;
          nulled.add(message);
        }
      } else {
        try {
          nested(node.child(match));
        } catch (MalformedRecordException e) {
          if (e.code() != ErrorCode.DATA_TYPE || !nullBadValues) {
            throw e;
          }
          nulled.add(e.getMessage());
        }
      }
      whitespace();
      byte c = next();
      if (c == ',') {
        continue;
      }
      if (c == '}') {
        return;
      }
      pos--;
      throw error(ErrorCode.DATA, "expected ',' or '}'");
    }
  }

  /** The value of a key that leads to nested columns: an object, or null for all of them. */
  private void nested(JsonPaths node) {
    byte c = peek();
    if (c == '{') {
      pos++;
      object(node);
    } else if (c == 'n') {
      literal("null");
    } else {
      skipValue();
      throw error(ErrorCode.DATA_TYPE, "expected an object with nested columns");
    }
  }

  /** Reads a value as the column type. */
  private Object value(ColumnType type, boolean isPinned) {
    TypeKind kind = type.kind();
    byte c = peek();
    switch (c) {
      case '"': {
        int start = ++pos;
        boolean escaped = stringEnd();
        String s = string(start, pos - 1, escaped);
        return kind == TypeKind.VARCHAR ? fit(type, s, isPinned) : FileValues.parse(s, type, isPinned);
      }
      case 'n':
        literal("null");
        return null;
      case 't':
      case 'f': {
        boolean v = c == 't';
        literal(v ? "true" : "false");
        if (kind == TypeKind.BOOLEAN) {
          return v;
        }
        if (kind == TypeKind.VARCHAR) {
          return fit(type, String.valueOf(v), isPinned);
        }
        throw mismatch(type, String.valueOf(v));
      }
      case '{':
      case '[': {
        int start = pos;
        skipValue();
        if (kind != TypeKind.VARCHAR) {
          throw mismatch(type, c == '{' ? "an object" : "an array");
        }
        return fit(type, compact(start, pos), isPinned);
      }
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number(type, isPinned);
        }
        throw error(ErrorCode.DATA, "expected a JSON value");
    }
  }

  private static Object fit(ColumnType type, String s, boolean isPinned) {
    try {
      return type.fit(s, isPinned);
    } catch (IllegalArgumentException e) {
      throw new MalformedRecordException(ErrorCode.DATA_TYPE, e.getMessage(), true);
    }
  }

  private static MalformedRecordException mismatch(ColumnType type, String got) {
    return new MalformedRecordException(ErrorCode.DATA_TYPE, "expected " + type + " but got " + got, true);
  }

  private Object number(ColumnType type, boolean isPinned) {
    int start = pos;
    numberEnd();
    int length = pos - start;
    switch (type.kind()) {
      case INTEGER:
      case BIGINT:
        if (!fraction && !exponent && length <= 18) {
          long v = ByteNumbers.digits(b, start, pos);
          if (type.kind() == TypeKind.BIGINT) {
            return v;
          }
          if (v == (int) v) {
            return (int) v;
          }
        }
        return FileValues.number(new BigDecimal(ascii(start, pos)), type, isPinned);
      case DOUBLE:
        if (!exponent && length <= 16) {
          double d = ByteNumbers.fastDouble(b, start, pos);
          if (!Double.isNaN(d)) {
            return d;
          }
        }
        // Written as an integer, the number must come out exact (ids past 2^53 must not merge);
        // written with a fraction or exponent, the nearest double is what was meant.
        return fraction || exponent ? Double.parseDouble(ascii(start, pos))
            : FileValues.number(new BigDecimal(ascii(start, pos)), type, isPinned);
      case DECIMAL:
      case VARCHAR:
        return FileValues.number(new BigDecimal(ascii(start, pos)), type, isPinned);
      default:
        throw mismatch(type, ascii(start, pos));
    }
  }

  private String ascii(int start, int to) {
    return new String(b, start, to - start, StandardCharsets.ISO_8859_1);
  }

  /** Moves past a number, checking JSON's grammar, and notes whether it has a fraction or exponent. */
  private void numberEnd() {
    fraction = false;
    exponent = false;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (!digit()) {
      throw error(ErrorCode.DATA, "malformed number");
    } else {
      while (digit()) {
        // Integer digits.
      }
    }
    if (pos < end && b[pos] == '.') {
      pos++;
      fraction = true;
      if (!digit()) {
        throw error(ErrorCode.DATA, "malformed number");
      }
      while (digit()) {
        // Fraction digits.
      }
    }
    if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
      pos++;
      exponent = true;
      if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
        pos++;
      }
      if (!digit()) {
        throw error(ErrorCode.DATA, "malformed number");
      }
      while (digit()) {
        // Exponent digits.
      }
    }
  }

  private boolean digit() {
    if (pos < end && b[pos] >= '0' && b[pos] <= '9') {
      pos++;
      return true;
    }
    return false;
  }

  /** Moves past any value, checking its structure without building it. */
  private void skipValue() {
    byte c = peek();
    if (c == '"') {
      pos++;
      stringEnd();
    } else if (c == '{' || c == '[') {
      container();
    } else if (c == 't') {
      literal("true");
    } else if (c == 'f') {
      literal("false");
    } else if (c == 'n') {
      literal("null");
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      numberEnd();
    } else {
      throw error(ErrorCode.DATA, "expected a JSON value");
    }
  }

  private void container() {
    byte open = next();
    byte close = open == '{' ? (byte) '}' : (byte) ']';
    whitespace();
    if (peek() == close) {
      pos++;
      return;
    }
    while (true) {
      whitespace();
      if (open == '{') {
        if (peek() != '"') {
          throw error(ErrorCode.DATA, "expected a field name in double quotes");
        }
        pos++;
        stringEnd();
        whitespace();
        if (next() != ':') {
          pos--;
          throw error(ErrorCode.DATA, "expected ':' after a field name");
        }
        whitespace();
      }
      skipValue();
      whitespace();
      byte c = next();
      if (c == close) {
        return;
      }
      if (c != ',') {
        pos--;
        throw error(ErrorCode.DATA, "expected ',' or '" + (char) close + "'");
      }
    }
  }

  /** Moves past a string's closing quote (pos starts after the opening one); true if it has escapes. */
  private boolean stringEnd() {
    boolean escaped = false;
    while (true) {
      int stop = Bytes.stringStop(b, pos, end);
      if (stop < 0) {
        pos = end;
        throw error(ErrorCode.DATA, "unterminated string");
      }
      byte c = b[stop];
      pos = stop + 1;
      if (c == '"') {
        return escaped;
      }
      if (c == '\\') {
        escaped = true;
        pos++;
      } else {
        pos = stop;
        throw error(ErrorCode.DATA, "control character in a string");
      }
    }
  }

  /**
   * A nested object's or array's JSON text without white space between tokens, so that the same data
   * reads the same whether it was written compactly or pretty-printed.
   */
  private String compact(int start, int to) {
    byte[] out = null;
    int n = 0;
    boolean inString = false;
    for (int i = start; i < to; i++) {
      byte c = b[i];
      if (inString) {
        if (c == '\\') {
          if (out != null) {
            out[n++] = c;
          }
          c = b[++i];
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        if (out == null) {
          out = new byte[to - start];
          n = i - start;
          System.arraycopy(b, start, out, 0, n);
        }
        continue;
      }
      if (out != null) {
        out[n++] = c;
      }
    }
    return out == null ? string(start, to, false) : utf8(out, 0, n, start);
  }

  /** The text of a string's contents {@code b[start, to)}. */
  private String string(int start, int to, boolean escaped) {
    boolean ascii = true;
    for (int i = start; i < to; i++) {
      if (b[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii && !escaped) {
      return ascii(start, to);
    }
    if (!escaped) {
      return utf8(start, to);
    }
    text.setLength(0);
    int run = start;
    for (int i = start; i < to; i++) {
      if (b[i] != '\\') {
        continue;
      }
      text.append(utf8(run, i));
      char e = (char) b[++i];
      switch (e) {
        case '"', '\\', '/' -> text.append(e);
        case 'b' -> text.append('\b');
        case 'f' -> text.append('\f');
        case 'n' -> text.append('\n');
        case 'r' -> text.append('\r');
        case 't' -> text.append('\t');
        case 'u' -> {
          if (i + 4 >= to) {
            pos = i;
            throw error(ErrorCode.DATA, "malformed \\u escape");
          }
          try {
            text.append((char) Integer.parseInt(ascii(i + 1, i + 5), 16));
          } catch (NumberFormatException x) {
            pos = i;
            throw error(ErrorCode.DATA, "malformed \\u escape");
          }
          i += 4;
        }
        default -> {
          pos = i;
          throw error(ErrorCode.DATA, "unknown escape \\" + e);
        }
      }
      run = i + 1;
    }
    return text.append(utf8(run, to)).toString();
  }

  private String utf8(int start, int to) {
    return utf8(b, start, to, start);
  }

  /** Decodes {@code bytes[start, to)}, failing at {@code at} of the record if they are not UTF-8. */
  private String utf8(byte[] bytes, int start, int to, int at) {
    try {
      return utf8.decode(ByteBuffer.wrap(bytes, start, to - start)).toString();
    } catch (CharacterCodingException e) {
      pos = at;
      throw error(ErrorCode.DATA, "bytes that are not valid UTF-8");
    }
  }

  private void literal(String word) {
    for (int i = 0; i < word.length(); i++) {
      if (pos >= end || b[pos] != word.charAt(i)) {
        throw error(ErrorCode.DATA, "expected a JSON value");
      }
      pos++;
    }
  }

  private void whitespace() {
    while (pos < end) {
      byte c = b[pos];
      if (c > ' ' || (c != ' ' && c != '\t' && c != '\n' && c != '\r')) {
        return;
      }
      pos++;
    }
  }

  private byte peek() {
    if (pos >= end) {
      throw error(ErrorCode.DATA, "unexpected end of the record");
    }
    return b[pos];
  }

  private byte next() {
    byte c = peek();
    pos++;
    return c;
  }

  private MalformedRecordException error(ErrorCode code, String message) {
    return new MalformedRecordException(code, message, true);
  }

  /** The 1-based column, in characters, of a byte offset within a record starting at {@code start}. */
  static int column(byte[] b, int start, int offset) {
    int chars = 0;
    for (int i = start; i < offset && i < b.length; i++) {
      if ((b[i] & 0xC0) != 0x80) {
        chars++;
      }
    }
    return chars + 1;
  }
}
