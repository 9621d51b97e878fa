package io.xsql.file;

import com.fasterxml.jackson.core.JsonFactory;
import io.xsql.spi.OnError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Reads JSON Lines: one object per line, parsed straight from the file's bytes by
 * {@link JsonRecordParser}, which converts only the needed values. Reads a whole file, the lines that
 * start within a byte range of it (one chunk of a parallel scan), or any line by its offset (lookups).
 */
final class JsonlReader implements SeekableReader, RangeReader {
  static final JsonFactory FACTORY = new JsonFactory();

  private final Path file;
  private final BitSet needed;
  private final InputStream in;
  private final LineReader lines;
  private final JsonRecordParser parser;
  /** The input this reader can move in, if it was opened for that. */
  private final Optional<ChannelInput> seekable;
  /** Whether lines are counted from the file's start, so that {@link LineReader#line()} is the file's line. */
  private boolean counted;
  private int column;
  /** Lines starting at or after the range's end are left to the next range. */
  private final RangeMarks marks;

  /** A reader of a whole file (compressed or not). */
  static JsonlReader whole(FileConfig config, FileSchema schema, Path file, BitSet needed) throws IOException {
    return new JsonlReader(config, schema, file, needed, FileInputs.open(file), 0, Long.MAX_VALUE, true,
        Optional.empty());
  }

  /** A reader of a file followed as it grows ({@link FollowInput}). */
  static JsonlReader following(FileConfig config, FileSchema schema, Path file, BitSet needed, FollowInput in) {
    return new JsonlReader(config, schema, file, needed, in, 0, Long.MAX_VALUE, true, Optional.empty());
  }

  /** A reader of a whole uncompressed file that can move to any line by its offset. */
  static JsonlReader seekable(FileConfig config, FileSchema schema, Path file, BitSet needed) throws IOException {
    ChannelInput in = ChannelInput.open(file);
    return new JsonlReader(config, schema, file, needed, in, in.position(), Long.MAX_VALUE, true, Optional.of(in));
  }

  /**
   * A reader of the lines starting in {@code [start, end)} of an uncompressed file: any line start is a
   * record's, so it needs no telling whether {@code start} is one.
   */
  static JsonlReader range(FileConfig config, FileSchema schema, Path file, BitSet needed, FileChannel channel,
      long start, long end) throws IOException {
    if (start == 0) {
      ChannelInput in = ChannelInput.atStart(channel);
      return new JsonlReader(config, schema, file, needed, in, in.position(), end, false, Optional.empty());
    }
    // Read from the byte before the range: the line it ends (or the feed itself) belongs to the chunk before.
    long from = start - 1;
    JsonlReader reader = new JsonlReader(config, schema, file, needed, new ChannelInput(channel, from), from,
        end, false, Optional.empty());
    reader.lines.next();
    return reader;
  }

  private JsonlReader(FileConfig config, FileSchema schema, Path file, BitSet needed, InputStream in,
      long base, long end, boolean counted, Optional<ChannelInput> seekable) {
    this.file = file;
    this.needed = needed;
    this.marks = new RangeMarks(end);
    this.counted = counted;
    this.seekable = seekable;
    this.parser = JsonRecordParser.of(schema, needed, config.onError() == OnError.NULL);
    this.in = in;
    this.lines = new LineReader(in, base);
  }

  @Override
  public boolean next(Object[] values) {
    if (marks.ended()) {
      // The range ended at a line that is the next range's; reading on would pass over it.
      return false;
    }
    do {
      if (!marks.holds(lines.next() ? lines.offset() : END)) {
        return false;
      }
    } while (lines.isBlank());
    column = 0;
    for (int c = needed.nextSetBit(0); c >= 0; c = needed.nextSetBit(c + 1)) {
      values[c] = null;
    }
    try {
      parser.parseRecord(lines.buffer(), lines.start(), lines.start() + lines.length(), values);
      return true;
    } catch (MalformedRecordException e) {
      column = JsonRecordParser.column(lines.buffer(), lines.start(), parser.errorOffset());
      throw e;
    }
  }

  @Override
  public long offset() {
    return lines.offset();
  }

  @Override
  public RangeMarks marks() {
    return marks;
  }

  @Override
  public void seek(long offset) {
    ChannelInput in = seekable.orElseThrow(() -> new IllegalStateException("not opened to seek: " + file));
    // Records looked up together often lie close together; those already read need no new read.
    if (!lines.moveWithin(offset)) {
      in.seek(offset);
      lines.restart(offset);
    }
    counted = false;
  }

  /**
   * file:line(:column); in a chunk or after a seek the line is counted from the file's start, which only
   * errors need.
   */
  @Override
  public String position() {
    long line = counted ? lines.line() : FileInputs.lineAt(file, lines.offset());
    return file + ":" + line + (column > 0 ? ":" + column : "");
  }

  @Override
  public List<String> nulled() {
    return parser.nulled();
  }

  @Override
  public long order() {
    return lines.offset();
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
