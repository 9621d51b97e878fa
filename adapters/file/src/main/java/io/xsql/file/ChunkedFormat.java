package io.xsql.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.BitSet;

/** A format whose uncompressed files can be read in byte ranges, on several threads ({@link FileChunks}). */
interface ChunkedFormat {

  /**
   * Whether files with these settings can be (CSV: in an encoding read as bytes, and with {@code on_error:
   * fail}, since a range read on a guess of where its first record starts may be read again).
   */
  boolean canChunk(FileConfig config);

  /**
   * Opens a reader of the records starting in {@code [start, end)} of a file, from a channel the caller
   * closes. The range's first record starts at the first line start at or after {@code start}, unless
   * {@code atRecord} says {@code start} is a record's start (CSV: a quoted value may hold line breaks, so
   * the first line start is a guess, checked against where the range before ended). The range starting
   * at 0 reads what comes before the records (a byte order mark, a header).
   */
  RangeReader openRange(FileConfig config, FileSchema schema, Path file, BitSet needed, FileChannel channel,
      long start, boolean atRecord, long end) throws IOException;
}
