package io.xsql.planner;

import io.xsql.spi.DataTable;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SourceOperation;
import org.apache.calcite.linq4j.Enumerator;

/** Streams one scan's rows to Calcite; see {@link ScanPlan}. */
final class ScanEnumerator implements Enumerator<Object> {
  private final ScanPlan plan;
  private final ScanRequest request;
  private final QueryContext context;
  private RowCursor cursor;
  private Object[] current;

  ScanEnumerator(ScanPlan plan, ScanRequest request, QueryContext context) {
    this.plan = plan;
    this.request = request;
    this.context = context;
  }

  @Override
  public Object current() {
    return RowShapes.shape(current);
  }

  @Override
  public boolean moveNext() {
    if (context.isCanceled()) {
      throw context.interruption();
    }
    try {
      if (cursor == null) {
        if (plan.ordered()) {
          plan.table().checkOrder(context);
        }
        DataTable table = plan.table().table();
        cursor = new CountedCursor(table.scan(request), context.activity(SourceOperation.of(plan.table().name(),
            "scan", table.describe(request))));
        context.closeAtEnd(this);
      }
      if (!cursor.next()) {
        return false;
      }
      current = cursor.current();
      return true;
    } catch (RuntimeException e) {
      // Linq4j does not close an enumerator whose moveNext failed; a source's files and connections must
      // not wait for the garbage collector.
      String position = cursor == null ? "" : cursor.position();
      closeQuietly(e);
      if (context.isCanceled()) {
        throw context.interruption();
      }
      throw SourceErrors.of(plan.table().name(), e, position);
    }
  }

  private void closeQuietly(RuntimeException failure) {
    try {
      close();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  @Override
  public void reset() {
    close();
  }

  @Override
  public void close() {
    if (cursor != null) {
      RowCursor c = cursor;
      cursor = null;
      try {
        c.close();
      } catch (RuntimeException e) {
        throw SourceErrors.of(plan.table().name(), e, "");
      }
    }
  }
}
