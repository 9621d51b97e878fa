package io.xsql.driver;

import io.xsql.planner.OperationCount;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code xsql.queries}: the connection's last finished queries (setting {@code queryHistory}), one row per
 * operation on a source (a scan, a lookup, an SQL statement, an API's requests) with the native request and
 * the rows the source sent, and one row with no source for a query that asked none.
 */
final class QueriesTable extends AbstractTable implements ScannableTable {
  private final QueryHistory history;

  QueriesTable(QueryHistory history) {
    this.history = history;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory types) {
    return types.builder()
        .add("query_id", SqlTypeName.BIGINT)
        .add("started", SqlTypeName.TIMESTAMP, 3)
        .add("elapsed_ms", SqlTypeName.DOUBLE)
        .add("query_text", SqlTypeName.VARCHAR)
        .add("source", SqlTypeName.VARCHAR).nullable(true)
        .add("table_name", SqlTypeName.VARCHAR).nullable(true)
        .add("operation", SqlTypeName.VARCHAR).nullable(true)
        .add("request", SqlTypeName.VARCHAR).nullable(true)
        .add("calls", SqlTypeName.BIGINT).nullable(true)
        .add("rows_read", SqlTypeName.BIGINT).nullable(true)
        .add("details", SqlTypeName.VARCHAR).nullable(true)
        .build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
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
    return Linq4j.asEnumerable(rows);
  }
}
