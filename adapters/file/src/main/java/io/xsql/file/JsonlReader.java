package io.xsql.file;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;

/**
 * Reads JSON Lines: one object per line, parsed straight from the file's bytes by
 * {@link JsonRecordParser}, which converts only the needed values. Reads a whole file, or the lines that
 * start within a byte range of it (one chunk of a parallel scan).
 */
final class JsonlReader implements RecordReader {
  static final JsonFactory FACTORY = new JsonFactory();

  private final Path file;
  private final BitSet needed;
  private final InputStream in;
  private final LineReader lines;
  private final JsonRecordParser parser;
  private final long end;
  private final boolean whole;
  private int column;

  /** A reader of a whole file (compressed or not). */
  static JsonlReader whole(FileConfig config, FileSchema schema, Path file, BitSet needed) throws IOException {
    return new JsonlReader(config, schema, file, needed, FileInputs.open(file), 0, Long.MAX_VALUE, true);
  }

  /** A reader of the lines starting in {@code [start, end)} of an uncompressed file. */
  static JsonlReader range(FileConfig config, FileSchema schema, Path file, BitSet needed, FileChannel channel,
      long start, long end) {
    // Read from the byte before the range: the line it ends (or the feed itself) belongs to the chunk before.
    long from = Math.max(0, start - 1);
    JsonlReader reader = new JsonlReader(config, schema, file, needed, new ChannelInput(channel, from), from,
        end, false);
    if (start > 0) {
      reader.lines.next();
    }
    return reader;
  }

  private JsonlReader(FileConfig config, FileSchema schema, Path file, BitSet needed, InputStream in,
      long base, long end, boolean whole) {
    this.file = file;
    this.needed = needed;
    this.end = end;
    this.whole = whole;
    this.parser = JsonRecordParser.of(schema, needed, config.onError() == OnError.NULL);
    this.in = in;
    this.lines = new LineReader(in, base);
  }

  @Override
  public boolean next(Object[] values) {
    do {
      if (!lines.next() || lines.offset() >= end) {
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

  /** file:line(:column); in a chunk the line is counted from the file's start, which only errors need. */
  @Override
  public String position() {
    long line = whole ? lines.line() : FileInputs.lineAt(file, lines.offset());
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

  /** Reads a file channel from a position on, with positional reads that chunks can share. */
  private static final class ChannelInput extends InputStream {
    private final FileChannel channel;
    private long position;

    ChannelInput(FileChannel channel, long position) {
      this.channel = channel;
      this.position = position;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = channel.read(ByteBuffer.wrap(b, off, len), position);
      if (n > 0) {
        position += n;
      }
      return n;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }
  }
}
