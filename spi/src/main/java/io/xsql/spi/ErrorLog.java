package io.xsql.spi;

import java.util.function.Supplier;

/**
 * Counts what {@code on_error} set aside in one scan (rows skipped, values set to NULL), remembering the
 * earliest of each, and reports them once as warnings. The cursors of one scan (a file's chunks, the files of
 * a folder) share a log.
 */
public final class ErrorLog {
  /** One kind of problem set aside. */
  private static final class Tally {
    long count;
    long firstOrder = Long.MAX_VALUE;
    String first;

    void add(long order, Supplier<String> where) {
      count++;
      if (order < firstOrder) {
        firstOrder = order;
        first = where.get();
      }
    }
  }

  private final String where;
  private final Tally skipped = new Tally();
  private final Tally nulled = new Tally();
  private boolean reported;

  /** @param where what the scan reads, for the warnings: a file, a collection */
  public ErrorLog(String where) {
    this.where = where;
  }

  /**
   * Notes a row left out.
   *
   * @param order where the row lies (any measure that grows along the files)
   * @param where the row's position and what was wrong with it, asked only for the earliest (finding a
   *     line in a chunk costs a read of the file up to it)
   */
  public synchronized void skipped(long order, Supplier<String> where) {
    skipped.add(order, where);
  }

  /** Notes a value that did not fit its column and became NULL. */
  public synchronized void nulled(long order, Supplier<String> where) {
    nulled.add(order, where);
  }

  /** Reports once, as warnings of the query. */
  public synchronized void report(ScanContext context) {
    if (reported) {
      return;
    }
    reported = true;
    if (skipped.count > 0) {
      context.warn("skipped " + skipped.count + " malformed row" + (skipped.count == 1 ? "" : "s") + " in "
          + where + " (on_error); the first at " + skipped.first);
    }
    if (nulled.count > 0) {
      context.warn("read " + nulled.count + " malformed value" + (nulled.count == 1 ? "" : "s") + " as NULL in "
          + where + " (on_error: null); the first at " + nulled.first);
    }
  }
}
