package io.xsql.file;

/**
 * A reader of the records that start in a byte range of an uncompressed file: one chunk of a parallel scan
 * ({@link FileChunks}). Where its records start and where the next range's first record starts tell
 * whether two ranges read side by side met at a record's start.
 */
interface RangeReader extends RecordReader {
  /**
   * A range read from a guessed start ran into a record far longer than the range: most likely the guess
   * was wrong, and the range is to be read again from where the range before it ended.
   */
  final class GuessedWrong extends RuntimeException {
    GuessedWrong() {
      super("a record far longer than its range, read from a guessed start", null, false, false);
    }
  }

  /** The offset standing for the end of the file, where no record starts. */
  long END = Long.MAX_VALUE;

  /** Where its first record and, once {@link #next} returned false, the next range's first record start. */
  RangeMarks marks();
}
