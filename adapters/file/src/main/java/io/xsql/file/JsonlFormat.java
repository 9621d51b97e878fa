package io.xsql.file;

import io.xsql.spi.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Set;

/** JSON Lines: one object per line; nested objects flatten into {@code parent.child} columns. */
final class JsonlFormat implements RecordFormat, SeekableFormat {

  @Override
  public Set<String> keys() {
    return Set.of("flatten_depth", "follow");
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

  @Override
  public SeekableReader openSeekable(FileConfig config, FileSchema schema, Path file, BitSet needed)
      throws IOException {
    return JsonlReader.seekable(config, schema, file, needed);
  }
}
