package io.xsql.file;

import io.xsql.spi.ErrorCode;
import io.xsql.spi.EventTime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/** JSON Lines: one object per line; nested objects flatten into {@code parent.child} columns. */
final class JsonlFormat implements RecordFormat, SeekableFormat, ChunkedFormat {

  @Override
  public Set<String> keys() {
    // A followed file's event time, for windows over it.
    Set<String> keys = new HashSet<>(EventTime.KEYS);
    keys.add("flatten_depth");
    keys.add("follow");
    return keys;
  }

  @Override
  public void sample(FileConfig config, Path file, Sample sample) throws IOException {
    try (InputStream in = FileInputs.open(file)) {
      LineReader lines = new LineReader(in);
      long firstBad = 0;
      while (sample.records < config.sampleSize() && lines.next()) {
        if (lines.isBlank()) {
          continue;
        }
        if (JsonSampler.record(lines.buffer(), lines.start(), lines.length(), config.flattenDepth(), sample)) {
          sample.records++;
          sample.bytes += lines.length() + 1;
        } else if (firstBad == 0) {
          firstBad = lines.line();
        }
      }
      // Lines but not one object among them: most likely not a JSON Lines file at all.
      if (sample.isEmpty() && firstBad > 0) {
        throw new MalformedRecordException(ErrorCode.DATA, "line " + firstBad
            + " is not a JSON object, nor is any line sampled: is this a JSON Lines file?", false);
      }
    }
  }

  @Override
  public RecordReader open(FileConfig config, FileSchema schema, Path file, BitSet needed)
      throws IOException {
    return JsonlReader.whole(config, schema, file, needed);
  }

  /** Always: every line starts a record, whatever the settings. */
  @Override
  public boolean canSeek(FileConfig config) {
    return true;
  }

  /** Always: every line starts a record. */
  @Override
  public boolean canChunk(FileConfig config) {
    return true;
  }

  @Override
  public RangeReader openRange(FileConfig config, FileSchema schema, Path file, BitSet needed,
      FileChannel channel, long start, boolean atRecord, long end) throws IOException {
    return JsonlReader.range(config, schema, file, needed, channel, start, end);
  }

  @Override
  public SeekableReader openSeekable(FileConfig config, FileSchema schema, Path file, BitSet needed)
      throws IOException {
    return JsonlReader.seekable(config, schema, file, needed);
  }
}
