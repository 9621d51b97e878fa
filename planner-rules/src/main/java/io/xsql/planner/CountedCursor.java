package io.xsql.planner;

import io.xsql.spi.RowCursor;
import io.xsql.spi.SourceActivity;

/** A source's cursor whose rows add to an operation's count at its end or close (a field per row, no sharing). */
final class CountedCursor implements RowCursor {
  private final RowCursor cursor;
  private final SourceActivity activity;
  private long rows;

  CountedCursor(RowCursor cursor, SourceActivity activity) {
    this.cursor = cursor;
    this.activity = activity;
    activity.calls(1);
  }

  @Override
  public boolean next() {
    if (cursor.next()) {
      rows++;
      return true;
    }
    // At the end, since the query may be recorded before its cursors close.
    flush();
    return false;
  }

  private void flush() {
    activity.rows(rows);
    rows = 0;
  }

  @Override
  public Object[] current() {
    return cursor.current();
  }

  @Override
  public String position() {
    return cursor.position();
  }

  @Override
  public void close() {
    flush();
    cursor.close();
  }
}
