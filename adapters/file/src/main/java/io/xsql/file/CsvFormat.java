package io.xsql.file;

import io.xsql.spi.OnError;
import io.xsql.spi.TextValues;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** CSV and TSV: a header names the columns (or the catalog does), types come from the first records. */
final class CsvFormat implements RecordFormat, SeekableFormat, ChunkedFormat {
  private static final Set<String> KEYS =
      Set.of("delimiter", "quote", "escape", "header", "null_string", "comment", "encoding");

  @Override
  public Set<String> keys() {
    return KEYS;
  }

  @Override
  public void sample(FileConfig config, Path file, Sample sample) throws IOException {
    CsvOptions options = config.csv();
    try (CsvTokenizer tokens = CsvTokenizer.open(options, file)) {
      List<String> names = new ArrayList<>();
      if (options.header()) {
        if (!tokens.next()) {
          return;
        }
        names.addAll(names(tokens));
      } else {
        names.addAll(config.pinned().keySet());
      }
      names.forEach(n -> sample.value(List.of(n), null, null));
      long headerEnd = tokens.offset();
      long startBytes = sample.bytes;
      while (sample.records < config.sampleSize() && next(tokens)) {
        if (names.isEmpty()) {
          for (int i = 0; i < tokens.size(); i++) {
            names.add("column" + (i + 1));
            sample.value(List.of(names.get(i)), null, null);
          }
        }
        if (tokens.size() == names.size()) {
          record(tokens, names, options, sample);
        }
        sample.records++;
        sample.bytes = startBytes + tokens.offset() - headerEnd;
      }
    }
  }

  /** The next record, passing over those the scan will report (text after a closing quote). */
  private static boolean next(CsvTokenizer tokens) {
    while (true) {
      try {
        return tokens.next();
      } catch (MalformedRecordException e) {
        if (!e.recoverable()) {
          return false;
        }
      }
    }
  }

  /** Samples one whole record, or nothing of it if a field cannot be decoded (the scan reports it). */
  private static void record(CsvTokenizer tokens, List<String> names, CsvOptions options, Sample sample) {
    Sample record = new Sample();
    try {
      for (int i = 0; i < tokens.size(); i++) {
        String text = tokens.field(i);
        boolean isNull = options.nullString().map(text::equals).orElse(false) || text.isEmpty();
        record.value(List.of(names.get(i)), isNull ? null : TextValues.kindOfText(text), text);
      }
      sample.add(record);
    } catch (MalformedRecordException e) {
      // Left for the scan to report under on_error.
    }
  }

  /** The column names of a header record: the fields trimmed, a repeated name given a suffix. */
  static List<String> names(CsvTokenizer header) {
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.field(i).trim();
      for (int n = 2; !seen.add(name); n++) {
        name = header.field(i).trim() + "_" + n;
      }
      names.add(name);
    }
    return names;
  }

  @Override
  public RecordReader open(FileConfig config, FileSchema schema, Path file, BitSet needed) throws IOException {
    return new CsvReader(config, schema, file, needed);
  }

  @Override
  public boolean canSeek(FileConfig config) {
    return CsvTokenizer.isByteSafe(config.csv().encoding());
  }

  /**
   * In an encoding read as bytes, and failing on a malformed record: a range whose first record was
   * guessed wrong is read again, and what {@code on_error} set aside in it would be counted twice.
   */
  @Override
  public boolean canChunk(FileConfig config) {
    return canSeek(config) && config.onError() == OnError.FAIL;
  }

  @Override
  public RangeReader openRange(FileConfig config, FileSchema schema, Path file, BitSet needed,
      FileChannel channel, long start, boolean atRecord, long end) throws IOException {
    return CsvReader.range(config, schema, file, needed, channel, start, atRecord, end);
  }

  @Override
  public SeekableReader openSeekable(FileConfig config, FileSchema schema, Path file, BitSet needed)
      throws IOException {
    return CsvReader.seekable(config, schema, file, needed);
  }
}
