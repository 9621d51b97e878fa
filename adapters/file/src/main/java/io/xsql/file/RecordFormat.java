package io.xsql.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Set;

/** How one file format is sampled for its columns and read. */
interface RecordFormat {

  /** Settings this format takes besides the ones every file source takes. */
  Set<String> keys();

  /**
   * Samples the first records of a file into {@code sample}, until it holds {@code config.sampleSize()}
   * records or the file ends. Malformed records are passed over (the scan reports them).
   *
   * @throws MalformedRecordException if nothing at all can be read (no header, not this format)
   */
  void sample(FileConfig config, Path file, Sample sample) throws IOException;

  /** Opens a reader of one file that converts the needed columns. */
  RecordReader open(FileConfig config, FileSchema schema, Path file, BitSet needed) throws IOException;
}
