package io.xsql.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;

/** A format whose records start at byte offsets a reader can move to: one a key index can cover. */
interface SeekableFormat {

  /**
   * Whether files with these settings can be read from any record's offset (CSV: only in an encoding
   * read as bytes; a transcoded file's offsets are not the file's).
   */
  boolean canSeek(FileConfig config);

  /** Opens a reader of an uncompressed file, at its first record, that can move to any record. */
  SeekableReader openSeekable(FileConfig config, FileSchema schema, Path file, BitSet needed)
      throws IOException;
}
