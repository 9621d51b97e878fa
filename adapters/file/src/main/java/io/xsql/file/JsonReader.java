package io.xsql.file;

import io.xsql.spi.OnError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;

/** Reads the records of a JSON document, converting only the needed values (see {@link JsonElements}). */
final class JsonReader implements RecordReader {
  private final Path file;
  private final BitSet needed;
  private final InputStream in;
  private final JsonElements records;
  private final JsonRecordParser parser;
  /** Where in the buffer the last record's parse failed, or -1. */
  private int errorAt = -1;

  JsonReader(FileConfig config, FileSchema schema, Path file, BitSet needed) throws IOException {
    this.file = file;
    this.needed = needed;
    this.in = FileInputs.open(file);
    this.records = new JsonElements(in, JsonFormat.pointer(config));
    this.parser = JsonRecordParser.of(schema, needed, config.onError() == OnError.NULL);
  }

  @Override
  public boolean next(Object[] values) {
    errorAt = -1;
    if (!records.next()) {
      return false;
    }
    for (int c = needed.nextSetBit(0); c >= 0; c = needed.nextSetBit(c + 1)) {
      values[c] = null;
    }
    try {
      parser.parseRecord(records.buffer(), records.start(), records.end(), values);
      return true;
    } catch (MalformedRecordException e) {
      errorAt = parser.errorOffset();
      throw e;
    }
  }

  @Override
  public List<String> nulled() {
    return parser.nulled();
  }

  @Override
  public String position() {
    return file + ":" + (errorAt >= 0 ? records.where(errorAt) : records.where());
  }

  @Override
  public long order() {
    return records.offset();
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
