package io.xsql.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** Splits a byte stream into lines without decoding them; the line's bytes stay valid until the next call. */
final class LineReader {
  private final InputStream in;
  private byte[] buffer = new byte[1 << 16];
  private int start;
  private int end;
  private int nextStart;
  private int limit;
  private boolean eof;
  private long line;
  /** Bytes of the input before the buffer's first byte, counted from where the input started. */
  private long dropped;
  private long base;

  LineReader(InputStream in) {
    this(in, 0);
  }

  /** A reader of an input that starts at byte {@code base} of its file, for offsets in messages. */
  LineReader(InputStream in, long base) {
    this.in = in;
    this.base = base;
  }

  /** Moves to the next line; false at the end of the input. */
  boolean next() {
    start = nextStart;
    int i = start;
    while (true) {
      int feed = Bytes.newline(buffer, i, limit);
      if (feed >= 0) {
        end = feed;
        nextStart = feed + 1;
        line++;
        return true;
      }
      i = limit;
      if (eof) {
        if (start == limit) {
          return false;
        }
        end = limit;
        nextStart = limit;
        line++;
        return true;
      }
      int scanned = i - start;
      fill();
      i = start + scanned;
    }
  }

  /** Moves the current line to the front and reads more, growing the buffer for long lines. */
  private void fill() {
    int keep = limit - start;
    if (start == 0 && keep == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    } else {
      System.arraycopy(buffer, start, buffer, 0, keep);
    }
    dropped += start;
    start = 0;
    limit = keep;
    try {
      int n = in.read(buffer, limit, buffer.length - limit);
      if (n < 0) {
        eof = true;
      } else {
        limit += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts over at byte {@code offset} of the file, dropping what was read: the input must continue from
   * there. Lines are counted from there on too.
   */
  void restart(long offset) {
    base = offset;
    dropped = 0;
    start = 0;
    end = 0;
    nextStart = 0;
    limit = 0;
    eof = false;
    line = 0;
  }

  /**
   * Moves to byte {@code offset} of the file when the buffer holds it, without reading; false when it
   * does not (then {@link #restart} after positioning the input).
   */
  boolean moveWithin(long offset) {
    long first = base + dropped;
    if (offset < first || offset >= first + limit) {
      return false;
    }
    nextStart = (int) (offset - first);
    start = nextStart;
    end = nextStart;
    return true;
  }

  byte[] buffer() {
    return buffer;
  }

  /** Start of the current line in {@link #buffer()}. */
  int start() {
    return start;
  }

  /** Length of the current line, without its line break (a trailing \r is dropped too). */
  int length() {
    int e = end;
    if (e > start && buffer[e - 1] == '\r') {
      e--;
    }
    return e - start;
  }

  /** The file offset of the current line's first byte. */
  long offset() {
    return base + dropped + start;
  }

  /** 1-based number of the current line, counted from where the input started. */
  long line() {
    return line;
  }

  /** Whether the current line holds only spaces and tabs. */
  boolean isBlank() {
    for (int i = start, e = start + length(); i < e; i++) {
      if (buffer[i] != ' ' && buffer[i] != '\t') {
        return false;
      }
    }
    return true;
  }
}
