package io.xsql.file;

/**
 * Where a {@link RangeReader}'s records start: the first one it read or tried, and the first one at or
 * past its range's end, which it leaves to the next range.
 */
final class RangeMarks {
  private final long end;
  /** -1 until a record was seen. */
  private long first = -1;
  private long next = RangeReader.END;

  /** Marks for records starting before {@code end} ({@link RangeReader#END} for a whole file). */
  RangeMarks(long end) {
    this.end = end;
  }

  /**
   * Whether the record starting at {@code at} ({@link RangeReader#END} at the end of the file) is the
   * range's; the first one that is not ends the range.
   */
  boolean holds(long at) {
    if (first < 0) {
      first = at;
    }
    if (at >= end) {
      next = at;
      return false;
    }
    return true;
  }

  /** Whether the range ended at a record of the next range's. */
  boolean ended() {
    return next != RangeReader.END;
  }

  /** Where the first record read, or tried, starts; {@link RangeReader#END} if the file had none left. */
  long first() {
    return first < 0 ? RangeReader.END : first;
  }

  /**
   * Once the range ended: where the first record at or past its end starts, which the range was not to
   * read; {@link RangeReader#END} at the end of the file.
   */
  long next() {
    return next;
  }
}
