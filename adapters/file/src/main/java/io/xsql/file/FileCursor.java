package io.xsql.file;

import io.xsql.spi.OnError;
import io.xsql.spi.Predicate;
import io.xsql.spi.RowCursor;
import io.xsql.spi.SourceException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.IntFunction;

/**
 * Turns one file's (or chunk's) records into rows: sets the {@code _file} value, filters on the converted
 * values before a row exists, projects, and applies {@code on_error} to malformed records.
 */
final class FileCursor implements RowCursor {
  private static final Object[] NO_COLUMNS = new Object[0];
  /** Bits of a row's order left for its place in the file; the file's index goes above them. */
  private static final int ORDER_BITS = 42;

  private final FileScan scan;
  private final RecordReader reader;
  private final Path file;
  private final long orderBase;
  private final Object[] values;
  private final IntFunction<Object> valueOf;
  private Object[] current;

  /**
   * A cursor over the records a reader returns.
   *
   * @param index the file's index in the source, ordering the errors of several files
   */
  FileCursor(FileScan scan, int index, Path file, RecordReader reader) {
    this.scan = scan;
    this.reader = reader;
    this.file = file;
    this.orderBase = (long) index << ORDER_BITS;
    this.values = new Object[scan.schema().columns().size()];
    this.valueOf = c -> values[c];
    scan.fileSlot().ifPresent(slot -> values[slot] = scan.config().files().name(file));
  }

  /** What reading one record gave. */
  enum Step {
    /** A row: {@link #current()}. */
    ROW,
    /** No row: {@code on_error} set the record aside or the filters ruled it out. */
    NONE,
    /** The end of the records. */
    END
  }

  @Override
  public boolean next() {
    while (true) {
      Step step = step();
      if (step != Step.NONE) {
        return step == Step.ROW;
      }
    }
  }

  /**
   * Reads one record (the one a seekable reader was moved to, for lookups) into a row if it is readable
   * and passes the filters.
   */
  Step step() {
    try {
      if (!reader.next(values)) {
        return Step.END;
      }
    } catch (MalformedRecordException e) {
      if (scan.config().onError() == OnError.FAIL || !e.recoverable()) {
        throw new SourceException(e.code(), reader.position() + ": " + e.getMessage());
      }
      scan.errors().skipped(orderBase + reader.order(), () -> reader.position() + ": " + e.getMessage());
      return Step.NONE;
    } catch (UncheckedIOException e) {
      throw FileInputs.unreadable(file, e.getCause());
    }
    for (String problem : reader.nulled()) {
      scan.errors().nulled(orderBase + reader.order(), () -> reader.position() + ": " + problem);
    }
    if (!matches()) {
      return Step.NONE;
    }
    int[] wanted = scan.wanted();
    // No column is needed for COUNT(*): an empty array cannot be changed, so one serves every row.
    Object[] row = wanted.length == 0 ? NO_COLUMNS : new Object[wanted.length];
    for (int i = 0; i < wanted.length; i++) {
      row[i] = values[wanted[i]];
    }
    current = row;
    return Step.ROW;
  }

  private boolean matches() {
    for (Predicate p : scan.filters()) {
      if (!p.test(valueOf)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public String position() {
    return reader.position();
  }

  @Override
  public void close() {
    reader.close();
  }
}
