package io.xsql.spi;

import static java.util.Objects.requireNonNull;

/**
 * A part of a table that can be read on its own, on another machine that opened the same catalog: a
 * distributed engine (the Trino plugin) hands each part to a worker. A part says only where it is, so it
 * travels as text and numbers; what they mean is the table's to say: a file's path and a byte range of it, a
 * range of an API listing's pages, a MongoDB filter on {@code _id}.
 *
 * @param name what the table reads for this part, as the table names it (a file's path); empty for the
 *     whole table
 * @param start the first unit of the range, where the part is a range of {@code name} (a byte of a file, a
 *     page of a listing)
 * @param end the unit after the range, or {@link #TO_END}; a byte range reads the records starting after its
 *     first byte's record boundary up to the first boundary at or after {@code end}, so that the parts of a
 *     file read each record once
 */
public record TablePart(String name, long start, long end) {
  /** The end of a part that reads to the end of what it names. */
  public static final long TO_END = Long.MAX_VALUE;

  /** The whole table, for tables that do not split. */
  public static final TablePart WHOLE = new TablePart("", 0, TO_END);

  public TablePart {
    requireNonNull(name, "name is null");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad range " + start + ".." + end + " of '" + name + "'");
    }
  }

  /** All of what {@code name} names. */
  public static TablePart whole(String name) {
    return new TablePart(name, 0, TO_END);
  }

  /** Whether this part reads all of what it names, not a byte range. */
  public boolean isWhole() {
    return start == 0 && end == TO_END;
  }
}
