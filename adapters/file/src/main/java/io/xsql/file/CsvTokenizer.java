package io.xsql.file;

import io.xsql.spi.ErrorCode;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Splits CSV into records of fields straight from the file's bytes, remembering which fields were quoted
 * and the line each record starts on. Quoted fields may hold delimiters and line breaks; blank lines and
 * comment lines are skipped. Fields stay bytes until asked for: a field nobody reads is never decoded.
 *
 * <p>The bytes must be in an encoding where the ASCII delimiter, quote and line breaks cannot occur
 * inside another character (UTF-8, single-byte sets); {@link #open} transcodes other files to UTF-8.
 */
final class CsvTokenizer implements Closeable {
  /** Matches no byte: quoting or comments are off. */
  private static final int NONE = 256;
  private static final byte QUOTED = 1;
  private static final byte ESCAPED = 2;
  /** The record runs past the buffer: read more and parse it again from its start. */
  private static final int MORE = -1;

  private final InputStream in;
  private final byte delimiter;
  private final int quote;
  private final int escape;
  private final int comment;
  private final Charset charset;
  private final CharsetDecoder decoder;
  private final String encoding;
  private byte[] buffer = new byte[1 << 16];
  /** The most bytes a record may take before the reading stops ({@link #limitRecords}). */
  private long longestRecord = Long.MAX_VALUE;
  private int limit;
  private boolean eof;
  private long dropped;
  private int pos;
  private int line = 1;
  private int recordLine;
  private long recordOffset;
  // The current record's fields: byte ranges into the buffer and flags.
  private int count;
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private byte[] flags = new byte[16];

  /** A tokenizer of a file, transcoded to UTF-8 first if its encoding is not byte-safe. */
  static CsvTokenizer open(CsvOptions options, Path file) throws IOException {
    Charset charset = options.encoding();
    InputStream in = FileInputs.open(file);
    if (isByteSafe(charset)) {
      return new CsvTokenizer(in, options, charset);
    }
    return new CsvTokenizer(new Utf8Transcoder(new DecodingReader(in, charset)), options, StandardCharsets.UTF_8);
  }

  /**
   * Whether ASCII bytes in text of this encoding always stand for themselves: true for UTF-8 and
   * single-byte sets that extend ASCII, false for UTF-16 or Shift_JIS, whose characters may hold them.
   */
  static boolean isByteSafe(Charset charset) {
    if (charset.equals(StandardCharsets.UTF_8)) {
      return true;
    }
    if (!charset.canEncode() || charset.newEncoder().maxBytesPerChar() != 1) {
      return false;
    }
    byte[] ascii = new byte[128];
    for (int i = 0; i < ascii.length; i++) {
      ascii[i] = (byte) i;
    }
    String decoded = new String(ascii, charset);
    for (int i = 0; i < ascii.length; i++) {
      if (decoded.length() != ascii.length || decoded.charAt(i) != i) {
        return false;
      }
    }
    return true;
  }

  /**
   * A tokenizer of bytes.
   *
   * @param charset the encoding of the bytes, for decoding fields (strictly: bad bytes fail)
   */
  CsvTokenizer(InputStream in, CsvOptions options, Charset charset) {
    this.in = in;
    this.delimiter = (byte) options.delimiter();
    this.quote = options.quote().map(q -> (int) q).orElse(NONE);
    this.escape = options.escape();
    this.comment = options.comment().map(c -> (int) c).orElse(NONE);
    this.charset = charset;
    this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    // Named as the file is: a transcoded file's bad bytes are bytes of its own encoding.
    this.encoding = options.encoding().name();
  }

  /**
   * Reads the next record.
   *
   * @return false at the end of the input
   * @throws MalformedRecordException for an unclosed quote (which ends the file) or text after a closing
   *     quote (the record is passed over)
   */
  boolean next() {
    if (!skipBlankAndCommentLines()) {
      return false;
    }
    recordLine = line;
    recordOffset = dropped + pos;
    while (true) {
      int end = record(pos);
      if (end != MORE) {
        pos = end;
        return true;
      }
      fill(pos);
    }
  }

  /**
   * Where the next record starts, past blank and comment lines, as a count of bytes like {@link
   * #recordOffset}; {@link RangeReader#END} at the end of the input.
   */
  long nextRecord() {
    return skipBlankAndCommentLines() ? dropped + pos : RangeReader.END;
  }

  /**
   * Stops the reading with {@link RangeReader.GuessedWrong} at a record longer than {@code bytes} (or the
   * first buffer): a range read from a guessed start that began inside a quoted value may read the quote
   * that closes it as one that opens a value running to the end of the file.
   */
  void limitRecords(long bytes) {
    longestRecord = bytes;
  }

  /** Moves past the next line feed, or to the end of the input: to the start of the next line. */
  void skipLine() {
    while (true) {
      for (int j = pos; j < limit; j++) {
        if (buffer[j] == '\n') {
          pos = j + 1;
          return;
        }
      }
      pos = limit;
      if (!fill(pos)) {
        return;
      }
    }
  }

  /** Moves to the next record's first byte; false at the end of the input. */
  private boolean skipBlankAndCommentLines() {
    while (true) {
      if (pos >= limit && !fill(pos)) {
        return false;
      }
      byte c = buffer[pos];
      if (c == '\n' || c == '\r') {
        int after = lineBreakEnd(pos);
        if (after == MORE) {
          fill(pos);
          continue;
        }
        pos = after;
        line++;
      } else if (c == comment) {
        int feed = lineEnd(pos);
        int after = feed == MORE ? MORE : feed == limit ? limit : lineBreakEnd(feed);
        if (after == MORE) {
          fill(pos);
          continue;
        }
        pos = after;
        line++;
      } else {
        return true;
      }
    }
  }

  /**
   * Parses the record starting at {@code i}; returns the index after it and its line break, or
   * {@link #MORE} if it runs past the bytes read so far (nothing is kept of the attempt).
   */
  private int record(int i) {
    count = 0;
    int lines = 0;
    while (true) {
      if (i < limit && buffer[i] == quote) {
        int s = i + 1;
        int j = s;
        boolean escaped = false;
        int openedOn = recordLine + lines;
        while (true) {
          if (j >= limit) {
            if (!eof) {
              return MORE;
            }
            pos = limit;
            throw new MalformedRecordException(ErrorCode.DATA, "unclosed quote opened on line " + openedOn, false);
          }
          byte c = buffer[j];
          if (c == escape && escape != quote) {
            if (j + 1 >= limit && !eof) {
              return MORE;
            }
            if (j + 1 < limit && buffer[j + 1] == quote) {
              escaped = true;
              j += 2;
              continue;
            }
          } else if (c == quote) {
            if (j + 1 >= limit && !eof) {
              return MORE;
            }
            if (escape == quote && j + 1 < limit && buffer[j + 1] == quote) {
              escaped = true;
              j += 2;
              continue;
            }
            break;
          } else if (c == '\n' || c == '\r' && !(j + 1 < limit && buffer[j + 1] == '\n')) {
            if (c == '\r' && j + 1 >= limit && !eof) {
              return MORE;
            }
            lines++;
          }
          j++;
        }
        add(s, j, escaped ? QUOTED | ESCAPED : QUOTED);
        i = j + 1;
        if (i < limit && buffer[i] != delimiter && buffer[i] != '\n' && buffer[i] != '\r') {
          // "a"b is not CSV; guessing what was meant would change the data. The record ends at its line.
          int feed = lineEnd(i);
          if (feed == MORE || feed < limit && lineBreakEnd(feed) == MORE) {
            return MORE;
          }
          pos = feed == limit ? limit : lineBreakEnd(feed);
          line = recordLine + lines + (feed == limit ? 0 : 1);
          throw new MalformedRecordException(ErrorCode.DATA, "text after a closing quote", true);
        }
      } else {
        int j = fieldEnd(i);
        if (j == MORE) {
          return MORE;
        }
        add(i, j, (byte) 0);
        i = j;
      }
      if (i < limit && buffer[i] == delimiter) {
        i++;
        if (i >= limit && !eof) {
          return MORE;
        }
        continue;
      }
      if (i >= limit) {
        line = recordLine + lines;
        return i;
      }
      int after = lineBreakEnd(i);
      if (after == MORE) {
        return MORE;
      }
      line = recordLine + lines + 1;
      return after;
    }
  }

  /** The end of an unquoted field starting at {@code i}: a delimiter, a line break or the input's end. */
  private int fieldEnd(int i) {
    int j = Bytes.fieldStop(buffer, i, limit, delimiter);
    return j >= 0 ? j : eof ? limit : MORE;
  }

  /** The index of the next line break byte from {@code i}, the input's end, or {@link #MORE}. */
  private int lineEnd(int i) {
    for (int j = i; j < limit; j++) {
      if (buffer[j] == '\n' || buffer[j] == '\r') {
        return j;
      }
    }
    return eof ? limit : MORE;
  }

  /** The index after the line break at {@code i} (\n, \r\n or \r), or {@link #MORE}. */
  private int lineBreakEnd(int i) {
    if (buffer[i] == '\n') {
      return i + 1;
    }
    if (i + 1 < limit) {
      return buffer[i + 1] == '\n' ? i + 2 : i + 1;
    }
    return eof ? i + 1 : MORE;
  }

  private void add(int start, int end, int flag) {
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count * 2);
      ends = Arrays.copyOf(ends, count * 2);
      flags = Arrays.copyOf(flags, count * 2);
    }
    starts[count] = start;
    ends[count] = end;
    flags[count] = (byte) flag;
    count++;
  }

  /**
   * Keeps the bytes from {@code keepFrom} on, moved to the front, and reads more after them, growing the
   * buffer when one record fills it.
   *
   * @return false if the input had nothing more
   */
  private boolean fill(int keepFrom) {
    if (eof) {
      return false;
    }
    int keep = limit - keepFrom;
    if (keepFrom == 0 && keep == buffer.length) {
      if (buffer.length >= longestRecord) {
        throw new RangeReader.GuessedWrong();
      }
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    } else if (keepFrom > 0) {
      System.arraycopy(buffer, keepFrom, buffer, 0, keep);
    }
    dropped += keepFrom;
    pos -= keepFrom;
    limit = keep;
    try {
      int n = in.read(buffer, limit, buffer.length - limit);
      if (n < 0) {
        eof = true;
        return false;
      }
      limit += n;
      return true;
    } catch (CharacterCodingException e) {
      throw new MalformedRecordException(ErrorCode.DATA, "bytes that are not valid " + encoding, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int size() {
    return count;
  }

  /** The field's text, decoded. */
  String field(int i) {
    int s = starts[i];
    int e = ends[i];
    if ((flags[i] & ESCAPED) == 0) {
      return decode(buffer, s, e);
    }
    byte[] out = new byte[e - s];
    int n = 0;
    for (int j = s; j < e; j++) {
      byte c = buffer[j];
      if ((c == escape || c == quote) && j + 1 < e && buffer[j + 1] == quote) {
        j++;
        c = (byte) quote;
      }
      out[n++] = c;
    }
    return decode(out, 0, n);
  }

  private String decode(byte[] b, int s, int e) {
    if (Bytes.isAscii(b, s, e)) {
      return new String(b, s, e - s, StandardCharsets.ISO_8859_1);
    }
    try {
      return decoder.decode(ByteBuffer.wrap(b, s, e - s)).toString();
    } catch (CharacterCodingException x) {
      throw new MalformedRecordException(ErrorCode.DATA, "bytes that are not valid " + encoding, true);
    }
  }

  /** The encoding of the bytes (UTF-8 for a transcoded file). */
  Charset charset() {
    return charset;
  }

  boolean quoted(int i) {
    return (flags[i] & QUOTED) != 0;
  }

  /** Whether the field's bytes are its text as they are (no escapes to undo), for readers of raw bytes. */
  boolean isRaw(int i) {
    return (flags[i] & ESCAPED) == 0;
  }

  /** Whether the field is empty (quoted or not). */
  boolean isEmpty(int i) {
    return starts[i] == ends[i];
  }

  byte[] buffer() {
    return buffer;
  }

  int start(int i) {
    return starts[i];
  }

  int end(int i) {
    return ends[i];
  }

  /** The line the current record starts on. */
  int line() {
    return recordLine;
  }

  /** Where the current record starts: the bytes before it (the file's offset, after a {@link #restart}). */
  long recordOffset() {
    return recordOffset;
  }

  /**
   * Moves to byte {@code offset} of the file when the buffer holds it, without reading; false when it does
   * not (then {@link #restart} after positioning the input). Lines are counted from there on, as after a
   * restart.
   */
  boolean moveWithin(long offset) {
    if (offset < dropped || offset >= dropped + limit) {
      return false;
    }
    pos = (int) (offset - dropped);
    line = 1;
    count = 0;
    return true;
  }

  /**
   * Starts over at byte {@code offset} of the file, dropping what was read: the input must continue from
   * there. Lines are counted from there on too (from 1).
   */
  void restart(long offset) {
    dropped = offset;
    pos = 0;
    limit = 0;
    eof = false;
    line = 1;
    count = 0;
  }

  /** Bytes consumed so far. */
  long offset() {
    return dropped + pos;
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
