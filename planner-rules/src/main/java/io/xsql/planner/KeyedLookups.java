package io.xsql.planner;

import io.xsql.spi.KeyedRows;
import io.xsql.spi.Predicate;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.calcite.DataContext;

/** What the join operators that fetch rows by key ({@link LookupJoinPlan}, {@link FilteredHashJoinPlan}) share. */
final class KeyedLookups {
  private KeyedLookups() {}

  /**
   * The request for the side's rows with its filters' parameters bound, or empty when a NULL parameter
   * leaves no row that could match (the lookup is then never called).
   */
  static Optional<ScanRequest> request(KeyedRows rows, DataContext root) {
    Optional<List<Predicate>> bound = FilterBinding.bind(rows.filters(), rows.tableColumns(), root);
    QueryContext context = QueryContext.of(root);
    return bound.map(filters -> new ScanRequest(rows.columns(), filters, OptionalLong.empty(), context));
  }

  /** Where each key column is in the returned rows, which hold the requested columns in order. */
  static int[] keyPositions(KeyedRows rows) {
    int[] positions = new int[rows.keyColumns().size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = rows.columns().indexOf(rows.keyColumns().get(i));
      if (positions[i] < 0) {
        throw new IllegalArgumentException("key column " + rows.keyColumns().get(i) + " of " + rows.name()
            + " is not among the requested columns " + rows.columns());
      }
    }
    return positions;
  }

  /**
   * What a failed lookup throws, once the cursor (if it opened) is closed: the query's cancellation when
   * that caused it, else the error named after the source and where its cursor stood.
   */
  static RuntimeException failure(KeyedRows rows, RuntimeException e, RowCursor cursor, QueryContext context) {
    String position = "";
    if (cursor != null) {
      position = cursor.position();
      try {
        cursor.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
    }
    if (context.isCanceled()) {
      return context.interruption();
    }
    return SourceErrors.of(rows.name(), e, position);
  }
}
