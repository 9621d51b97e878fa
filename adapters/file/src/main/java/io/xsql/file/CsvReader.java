package io.xsql.file;

import io.xsql.spi.Column;
import io.xsql.spi.ColumnType;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.OnError;
import io.xsql.spi.TypeKind;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Reads a CSV file's records, converting only the needed columns. Common values (plain numbers, ISO
 * dates, booleans, ASCII text) are converted from the bytes directly; the rest through their text.
 */
final class CsvReader implements SeekableReader, RangeReader {
  private final FileConfig config;
  private final Path file;
  private final List<Column> columns;
  private final ColumnType[] types;
  private final BitSet pinned;
  private final int[] needed;
  private final int fieldCount;
  private final Optional<byte[]> nullBytes;
  private final List<String> nulled = new ArrayList<>();
  private final CsvTokenizer tokenizer;
  private final FileSchema schema;
  /** The input this reader can move in, if it was opened for that. */
  private final Optional<ChannelInput> seekable;
  /** How many times its range's size a record read from a guessed start may take. */
  private static final long GUESSED_RECORD_RANGES = 16;
  private boolean started;
  /** Whether the reader has moved, so that its tokenizer no longer counts the file's lines. */
  private boolean moved;
  /** Records starting at or after the range's end are left to the next range. */
  private final RangeMarks marks;

  CsvReader(FileConfig config, FileSchema schema, Path file, BitSet needed) throws IOException {
    this(config, schema, file, needed, CsvTokenizer.open(config.csv(), file), Optional.empty(), END);
  }

  private CsvReader(FileConfig config, FileSchema schema, Path file, BitSet needed, CsvTokenizer tokenizer,
      Optional<ChannelInput> seekable, long end) {
    this.config = config;
    this.file = file;
    this.columns = schema.columns();
    this.types = columns.stream().map(Column::type).toArray(ColumnType[]::new);
    this.pinned = schema.pinned();
    this.needed = needed.stream().toArray();
    this.fieldCount = schema.fileSlot().isPresent() ? columns.size() - 1 : columns.size();
    this.schema = schema;
    this.tokenizer = tokenizer;
    this.seekable = seekable;
    this.marks = new RangeMarks(end);
    this.nullBytes = config.csv().nullString().map(n -> n.getBytes(tokenizer.charset()));
  }

  /**
   * A reader of an uncompressed file that can move to any record by its offset; the encoding must be one
   * read as bytes ({@link CsvTokenizer#isByteSafe}), so that the tokenizer's offsets are the file's.
   */
  static CsvReader seekable(FileConfig config, FileSchema schema, Path file, BitSet needed) throws IOException {
    ChannelInput in = ChannelInput.open(file);
    CsvTokenizer tokenizer = new CsvTokenizer(in, config.csv(), config.csv().encoding());
    tokenizer.restart(in.position());
    return new CsvReader(config, schema, file, needed, tokenizer, Optional.of(in), END);
  }

  /**
   * A reader of the records starting in {@code [start, end)} of an uncompressed file in an encoding read as
   * bytes ({@link ChunkedFormat#openRange}). From 0 it reads the header; from a guessed start, the records
   * from the line after the byte before {@code start}.
   */
  static CsvReader range(FileConfig config, FileSchema schema, Path file, BitSet needed, FileChannel channel,
      long start, boolean atRecord, long end) throws IOException {
    ChannelInput in = start == 0 ? ChannelInput.atStart(channel)
        : new ChannelInput(channel, atRecord ? start : start - 1);
    CsvTokenizer tokenizer = new CsvTokenizer(in, config.csv(), config.csv().encoding());
    tokenizer.restart(in.position());
    CsvReader reader = new CsvReader(config, schema, file, needed, tokenizer, Optional.empty(), end);
    if (start > 0) {
      if (!atRecord) {
        tokenizer.skipLine();
        // A guess that began inside a quoted value must not read the rest of the file as one record.
        tokenizer.limitRecords(GUESSED_RECORD_RANGES * (end - start));
      }
      reader.started = true;
      reader.moved = true;
    }
    return reader;
  }

  /**
   * Checks that a file's header names the table's columns in the same order: files of one source share
   * their columns, and a file with its columns in another order would otherwise fill the wrong ones.
   */
  private void checkHeader() {
    List<String> names = CsvFormat.names(tokenizer);
    List<String> expected = schema.paths().subList(0, fieldCount).stream().map(p -> p.get(0)).toList();
    if (!names.equals(expected)) {
      throw new MalformedRecordException(ErrorCode.DATA, "the header " + names
          + " differs from the columns of the source " + expected + " (files of a source must share them)",
          false);
    }
  }

  @Override
  public boolean next(Object[] values) {
    if (!started) {
      started = true;
      if (config.csv().header() && tokenizer.next()) {
        checkHeader();
      }
    }
    if (!marks.holds(tokenizer.nextRecord()) || !tokenizer.next()) {
      return false;
    }
    if (tokenizer.size() != fieldCount) {
      throw new MalformedRecordException(ErrorCode.DATA,
          "expected " + fieldCount + " fields but found " + tokenizer.size(), true);
    }
    nulled.clear();
    for (int c : needed) {
      values[c] = value(c);
    }
    return true;
  }

  private Object value(int c) {
    ColumnType type = types[c];
    boolean quoted = tokenizer.quoted(c);
    boolean empty = tokenizer.isEmpty(c);
    // By default an empty unquoted field is NULL and "" is an empty string, as in PostgreSQL's COPY.
    if (nullBytes.isPresent() ? !quoted && isNullText(c) : !quoted && empty) {
      return null;
    }
    // An empty field can only be text; in any other column it is NULL, quoted or not.
    if (empty && type.kind() != TypeKind.VARCHAR) {
      return null;
    }
    try {
      Object fast = tokenizer.isRaw(c) ? fromBytes(c, type) : null;
      return fast != null ? fast : FileValues.parse(tokenizer.field(c), type, pinned.get(c));
    } catch (MalformedRecordException e) {
      String message = "column '" + columns.get(c).name() + "': " + e.getMessage();
      if (config.onError() == OnError.NULL && e.code() == ErrorCode.DATA_TYPE) {
        nulled.add(message);
        return null;
      }
      throw new MalformedRecordException(e.code(), message, true);
    }
  }

  private boolean isNullText(int c) {
    byte[] text = nullBytes.orElseThrow();
    return tokenizer.isRaw(c) && Arrays.equals(tokenizer.buffer(), tokenizer.start(c), tokenizer.end(c), text, 0,
        text.length);
  }

  /** The value read from the field's bytes in the common cases; null to read it through its text. */
  private Object fromBytes(int c, ColumnType type) {
    byte[] b = tokenizer.buffer();
    int s = tokenizer.start(c);
    int e = tokenizer.end(c);
    switch (type.kind()) {
      case INTEGER, BIGINT -> {
        long v = ByteNumbers.plainLong(b, s, e);
        if (v != ByteNumbers.NOT_PLAIN) {
          return type.kind() == TypeKind.BIGINT ? (Object) v : v == (int) v ? (Object) (int) v : null;
        }
      }
      case DOUBLE -> {
        int kind = ByteNumbers.plainNumber(b, s, e);
        // Up to 15 digits an integer or a decimal is exact as a double; longer ones take the exact path.
        double d = kind == 0 ? Double.NaN : ByteNumbers.fastDouble(b, s, e);
        return Double.isNaN(d) ? null : d;
      }
      case DATE -> {
        return e - s == 10 ? date(b, s) : null;
      }
      case BOOLEAN -> {
        if (e - s == 4 && b[s] == 't' && b[s + 1] == 'r' && b[s + 2] == 'u' && b[s + 3] == 'e') {
          return Boolean.TRUE;
        }
        if (e - s == 5 && b[s] == 'f' && b[s + 1] == 'a' && b[s + 2] == 'l' && b[s + 3] == 's' && b[s + 4] == 'e') {
          return Boolean.FALSE;
        }
      }
      case VARCHAR -> {
        return type.fit(tokenizer.field(c), pinned.get(c));
      }
      default -> {
        return null;
      }
    }
    return null;
  }

  /** An ISO date {@code yyyy-mm-dd} as days since 1970; null if the bytes are not one. */
  private static Object date(byte[] b, int s) {
    if (b[s + 4] != '-' || b[s + 7] != '-') {
      return null;
    }
    int year = digits(b, s, 4);
    int month = digits(b, s + 5, 2);
    int day = digits(b, s + 8, 2);
    if (year < 0 || month < 0 || day < 0) {
      return null;
    }
    try {
      return Math.toIntExact(LocalDate.of(year, month, day).toEpochDay());
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static int digits(byte[] b, int s, int n) {
    int v = 0;
    for (int i = s; i < s + n; i++) {
      if (b[i] < '0' || b[i] > '9') {
        return -1;
      }
      v = v * 10 + b[i] - '0';
    }
    return v;
  }

  @Override
  public List<String> nulled() {
    return nulled;
  }

  @Override
  public long offset() {
    return tokenizer.recordOffset();
  }

  @Override
  public RangeMarks marks() {
    return marks;
  }

  /** Moves to a record's offset; the header, read or not, is not read again. */
  @Override
  public void seek(long offset) {
    ChannelInput in = seekable.orElseThrow(() -> new IllegalStateException("not opened to seek: " + file));
    // Records looked up together often lie close together (TPC-H's partsupp, four rows per part key in a
    // row): those already read need no new read.
    if (!tokenizer.moveWithin(offset)) {
      in.seek(offset);
      tokenizer.restart(offset);
    }
    started = true;
    moved = true;
  }

  /** file:line; after a move, the line is counted from the file's start, which only errors need. */
  @Override
  public String position() {
    return file + ":" + (moved ? FileInputs.lineAt(file, tokenizer.recordOffset()) : tokenizer.line());
  }

  @Override
  public long order() {
    return tokenizer.line();
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
