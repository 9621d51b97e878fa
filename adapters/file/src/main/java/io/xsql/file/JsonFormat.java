package io.xsql.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * JSON documents: the records are the elements of the top-level array, or of the array at a JSON pointer
 * ({@code records: /data/items}); a single object there is one record. Streamed, never held whole.
 */
final class JsonFormat implements RecordFormat {

  @Override
  public Set<String> keys() {
    return Set.of("flatten_depth", "records");
  }

  @Override
  public void sample(FileConfig config, Path file, Sample sample) throws IOException {
    try (InputStream in = FileInputs.open(file)) {
      JsonElements records = new JsonElements(in, pointer(config));
      while (sample.records < config.sampleSize() && records.next()) {
        int length = records.end() - records.start();
        if (JsonSampler.record(records.buffer(), records.start(), length, config.flattenDepth(), sample)) {
          sample.records++;
          sample.bytes += length + 1;
        }
      }
    } catch (MalformedRecordException e) {
      // Damage after good records is the scan's to report; before any, nothing can be read.
      if (sample.isEmpty()) {
        throw e;
      }
    }
  }

  /** The JSON pointer to the records, as reference tokens. */
  static List<String> pointer(FileConfig config) {
    return JsonElements.tokens(config.records().orElse(""));
  }

  @Override
  public RecordReader open(FileConfig config, FileSchema schema, Path file, BitSet needed) throws IOException {
    return new JsonReader(config, schema, file, needed);
  }
}
