package io.xsql.file;

import io.xsql.spi.ErrorCode;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the records of a JSON document in a byte stream without holding the document: the elements of the
 * array at a JSON pointer (or the one object there), one at a time. Only the structure is checked here
 * (strings, brackets, separators); a record's content is parsed by the caller from {@link #buffer()}.
 *
 * <p>Damage to the structure ends the read (the next record cannot be found); damage inside a record whose
 * brackets balance is the caller's to report and pass over.
 */
final class JsonElements {
  private final InputStream in;
  private final List<String> pointer;
  private byte[] buffer = new byte[1 << 16];
  private int pos;
  private int limit;
  private boolean eof;
  /** Bytes of the input before {@code buffer[0]}. */
  private long dropped;
  private long line = 1;
  /** Buffer index just after the last line feed scanned, or -1 if it was dropped. */
  private int lineStart;
  private boolean started;
  private boolean first = true;
  private boolean done;
  private boolean single;
  // The current element.
  private int start;
  private int end;
  private long startLine;
  /** 1-based column of the element's first byte, or 0 if unknown. */
  private int startColumn;
  // The scan of a value, kept across buffer refills.
  private byte[] closers = new byte[16];
  private int depth;
  private boolean inString;
  private boolean inScalar;
  private int resume;

  /**
   * Reads records from a document.
   *
   * @param pointer the JSON pointer's reference tokens; empty for the whole document
   */
  JsonElements(InputStream in, List<String> pointer) {
    this.in = in;
    this.pointer = pointer;
  }

  /** The reference tokens of a JSON pointer ({@code /data/items}; {@code ~1} is a slash, {@code ~0} a tilde). */
  static List<String> tokens(String pointer) {
    if (pointer.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(pointer.substring(1).split("/", -1))
        .map(t -> t.replace("~1", "/").replace("~0", "~")).toList();
  }

  /**
   * Moves to the next record.
   *
   * @return false after the last one
   * @throws MalformedRecordException (not recoverable) if the structure is damaged or the input ends early
   */
  boolean next() {
    if (!started) {
      started = true;
      navigate();
    }
    if (done) {
      return false;
    }
    whitespace(true);
    if (single) {
      if (!first) {
        finish();
        return false;
      }
      first = false;
    } else {
      int c = peek();
      if (c == ']') {
        pos++;
        finish();
        return false;
      }
      if (!first) {
        if (c != ',') {
          throw structure(c < 0 ? "the file ends inside the array of records" : "expected ',' or ']' but found "
              + shown(c));
        }
        pos++;
        whitespace(true);
      }
      first = false;
    }
    start = pos;
    startLine = line;
    startColumn = lineStart < 0 ? 0 : characters(lineStart, start) + 1;
    end = scanValue(true);
    pos = end;
    return true;
  }

  /** The buffer holding the current record at {@code [start(), end())}. */
  byte[] buffer() {
    return buffer;
  }

  int start() {
    return start;
  }

  int end() {
    return end;
  }

  /** The input offset of the current record's first byte. */
  long offset() {
    return dropped + start;
  }

  /** Where the current record starts, as {@code line:column}. */
  String where() {
    return startLine + (startColumn > 0 ? ":" + startColumn : "");
  }

  /** Where a byte of the current record is, as {@code line:column}. */
  String where(int offset) {
    int lastFeed = -1;
    long feeds = 0;
    for (int i = Bytes.newline(buffer, start, offset); i >= 0; i = Bytes.newline(buffer, i + 1, offset)) {
      feeds++;
      lastFeed = i;
    }
    if (feeds > 0) {
      return (startLine + feeds) + ":" + (characters(lastFeed + 1, offset) + 1);
    }
    return startLine + (startColumn > 0 ? ":" + (startColumn + characters(start, offset)) : "");
  }

  private int characters(int from, int to) {
    int chars = 0;
    for (int i = from; i < to; i++) {
      if ((buffer[i] & 0xC0) != 0x80) {
        chars++;
      }
    }
    return chars;
  }

  /** Goes to the value the pointer names and into its array (or onto its one object). */
  private void navigate() {
    StringBuilder at = new StringBuilder();
    for (String token : pointer) {
      whitespace(false);
      int c = peek();
      if (c != '{') {
        throw structure("no " + at + "/" + token + " in the document: " + (at.length() == 0 ? "the document"
            : at) + " is not an object");
      }
      pos++;
      if (!findKey(token)) {
        throw structure("no " + at + "/" + token + " in the document");
      }
      at.append('/').append(token);
    }
    whitespace(true);
    int c = peek();
    if (c == '[') {
      pos++;
    } else if (c == '{') {
      single = true;
    } else {
      throw structure(c < 0 ? "the file is empty: expected a JSON array or object"
          : "expected an array of records or an object " + (at.length() == 0 ? "" : "at " + at + " ")
              + "but found " + shown(c));
    }
  }

  /** Reads the keys of the object the scan is in, passing over other values, until {@code key}. */
  private boolean findKey(String key) {
    boolean firstKey = true;
    while (true) {
      whitespace(false);
      int c = peek();
      if (c == '}') {
        return false;
      }
      if (!firstKey) {
        if (c != ',') {
          throw structure("expected ',' or '}' but found " + shown(c));
        }
        pos++;
        whitespace(false);
        c = peek();
      }
      firstKey = false;
      if (c != '"') {
        throw structure("expected a key but found " + shown(c));
      }
      int keyEnd = scanValue(true);
      // The scan may have moved the key to the buffer's front; pos is where it starts now.
      String name = decodeKey(pos, keyEnd);
      pos = keyEnd;
      whitespace(false);
      if (peek() != ':') {
        throw structure("expected ':' after a key but found " + shown(peek()));
      }
      pos++;
      whitespace(false);
      if (name.equals(key)) {
        return true;
      }
      pos = scanValue(false);
    }
  }

  /** A key's text: its quotes removed and escapes read. */
  private String decodeKey(int from, int to) {
    if (Bytes.stringStop(buffer, from + 1, to - 1) < 0) {
      return new String(buffer, from + 1, to - from - 2, StandardCharsets.UTF_8);
    }
    try (JsonParser p = JsonlReader.FACTORY.createParser(buffer, from, to - from)) {
      p.nextToken();
      return p.getText();
    } catch (IOException e) {
      throw structure("a key is not valid JSON: " + e.getMessage());
    }
  }

  /**
   * After the top-level records only white space may follow; after records inside a document, the rest is
   * not read.
   */
  private void finish() {
    done = true;
    if (pointer.isEmpty()) {
      whitespace(true);
      if (peek() >= 0) {
        throw structure("unexpected content after the array of records: " + shown(peek()));
      }
    }
  }

  /**
   * Scans one value from {@code pos}, reading more input as needed, and returns the index just after it.
   *
   * @param keep whether the value's bytes must stay in the buffer (a record), or may be dropped (a value
   *     passed over, which may be larger than memory)
   */
  private int scanValue(boolean keep) {
    depth = 0;
    inString = false;
    inScalar = false;
    if (peek() < 0) {
      throw structure("the file ends where a value was expected");
    }
    int i = pos;
    while (true) {
      int stop = scan(i);
      if (stop >= 0) {
        return stop;
      }
      // Out of bytes mid-value: keep what must stay, read more, and go on where the scan stopped.
      int shift = keep ? pos : resume;
      int next = resume - shift;
      boolean more = refill(shift);
      if (!more && inScalar && depth == 0) {
        return limit;
      }
      if (!more) {
        pos = limit;
        throw structure("the file ends inside a value");
      }
      i = next;
    }
  }

  /**
   * Scans from {@code i}; returns the index after the value, or -1 when the buffer ends first, with
   * {@link #resume} set to where the scan goes on.
   */
  private int scan(int i) {
    byte[] b = buffer;
    while (i < limit) {
      if (inString) {
        int stop = Bytes.stringStop(b, i, limit);
        if (stop < 0) {
          break;
        }
        byte c = b[stop];
        if (c == '"') {
          inString = false;
          i = stop + 1;
          if (depth == 0) {
            return i;
          }
        } else if (c == '\\') {
          if (stop + 1 >= limit) {
            // Go on at the backslash once the byte it escapes is in.
            resume = stop;
            return -1;
          }
          i = stop + 2;
        } else {
          // A raw control character is not valid in a string; the record's parser reports it.
          if (c == '\n') {
            newline(stop);
          }
          i = stop + 1;
        }
        continue;
      }
      byte c = b[i];
      if (inScalar) {
        if (c == ',' || c == ']' || c == '}' || c == ' ' || c == '\n' || c == '\r' || c == '\t') {
          return i;
        }
        i++;
        continue;
      }
      i++;
      switch (c) {
        case '"' -> inString = true;
        case '{' -> push((byte) '}');
        case '[' -> push((byte) ']');
        case '}', ']' -> {
          if (depth == 0 || closers[depth - 1] != c) {
            pos = i - 1;
            throw structure("unexpected " + shown(c));
          }
          if (--depth == 0) {
            return i;
          }
        }
        case '\n' -> newline(i - 1);
        default -> inScalar = depth == 0;
      }
    }
    resume = limit;
    return -1;
  }

  private void push(byte closer) {
    if (depth == closers.length) {
      closers = Arrays.copyOf(closers, depth * 2);
    }
    closers[depth++] = closer;
  }

  private void newline(int at) {
    line++;
    lineStart = at + 1;
  }

  /** Passes over white space, counting lines; at the end of the input only if {@code endOk}. */
  private void whitespace(boolean endOk) {
    while (true) {
      if (pos >= limit && !refill(pos)) {
        if (!endOk) {
          throw structure("the file ends inside the document");
        }
        return;
      }
      byte c = buffer[pos];
      if (c == '\n') {
        newline(pos);
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  /** The byte at the scan position, reading more if needed; -1 at the end. */
  private int peek() {
    if (pos >= limit && !refill(pos)) {
      return -1;
    }
    return buffer[pos] & 0xff;
  }

  /**
   * Drops the bytes before {@code keepFrom}, moves the rest to the front and reads more, growing the buffer
   * if it is full.
   *
   * @return false at the end of the input
   */
  private boolean refill(int keepFrom) {
    if (eof) {
      return false;
    }
    int keep = limit - keepFrom;
    if (keepFrom == 0 && keep == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    } else {
      System.arraycopy(buffer, keepFrom, buffer, 0, keep);
    }
    dropped += keepFrom;
    pos -= keepFrom;
    start -= keepFrom;
    lineStart = lineStart >= keepFrom ? lineStart - keepFrom : -1;
    limit = keep;
    try {
      // Reading fully saves refills; a stream that has no more yet (a pipe) is not read here.
      int n = in.readNBytes(buffer, limit, buffer.length - limit);
      if (n == 0) {
        eof = true;
        return false;
      }
      limit += n;
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String shown(int c) {
    return c < 0 ? "the end of the file"
        : c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("byte 0x%02x", c);
  }

  /** An error in the structure, which ends the read; {@link #where()} then tells where the scan stopped. */
  private MalformedRecordException structure(String message) {
    startLine = line;
    startColumn = lineStart < 0 ? 0 : characters(lineStart, Math.max(lineStart, Math.min(pos, limit))) + 1;
    return new MalformedRecordException(ErrorCode.DATA, message, false);
  }
}
