package io.xsql.file;

/**
 * A reader of an uncompressed file that can also move to any record by its byte offset: what an index of
 * record offsets ({@link FileIndex}) needs, to be built in one pass and read record by record.
 */
interface SeekableReader extends RecordReader {

  /** Where the last record read (or failed) starts, as a byte offset of the file. */
  long offset();

  /**
   * Moves to the record starting at byte {@code offset} of the file (an offset {@link #offset()} gave):
   * the next {@link #next} reads it. Positions in messages stay right (lines are counted again).
   *
   * @throws IllegalStateException if the reader was opened to read the file from start to end only (not
   *     through {@link SeekableFormat#openSeekable})
   */
  void seek(long offset);
}
