package io.xsql.driver;

import static io.xsql.driver.SystemTable.Column.nullable;
import static io.xsql.driver.SystemTable.Column.of;

import io.xsql.planner.OperationCount;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code xsql.queries}: the connection's last finished queries (setting {@code queryHistory}), one row per
 * operation on a source (a scan, a lookup, an SQL statement, an API's requests) with the native request and
 * the rows the source sent, and one row with no source for a query that asked none.
 */
final class QueriesTable extends SystemTable {
  private final QueryHistory history;

  QueriesTable(QueryHistory history) {
    super(List.of(of("query_id", SqlTypeName.BIGINT), of("started", SqlTypeName.TIMESTAMP),
        of("elapsed_ms", SqlTypeName.DOUBLE), of("query_text", SqlTypeName.VARCHAR),
        nullable("source", SqlTypeName.VARCHAR), nullable("table_name", SqlTypeName.VARCHAR),
        nullable("operation", SqlTypeName.VARCHAR), nullable("request", SqlTypeName.VARCHAR),
        nullable("calls", SqlTypeName.BIGINT), nullable("rows_read", SqlTypeName.BIGINT),
        nullable("details", SqlTypeName.VARCHAR)));
    this.history = history;
  }

  @Override
  List<Object[]> rows(DataContext root) {
    List<Object[]> rows = new ArrayList<>();
    for (QueryRecord q : history.records()) {
      if (q.operations().isEmpty()) {
        rows.add(new Object[] {q.id(), q.started().toEpochMilli(), q.elapsedMillis(), q.sql(), null, null, null,
            null, null, null, null});
      }
      for (OperationCount o : q.operations()) {
        rows.add(new Object[] {q.id(), q.started().toEpochMilli(), q.elapsedMillis(), q.sql(),
            o.operation().source(), o.operation().table().isEmpty() ? null : o.operation().table(),
            o.operation().kind(), o.operation().request(), o.calls(), o.rows(), o.details().orElse(null)});
      }
    }
    return rows;
  }
}
