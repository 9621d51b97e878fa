package io.xsql.planner;

import io.xsql.spi.Aggregation;
import io.xsql.spi.Column;
import io.xsql.spi.Predicate;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SortOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * What an {@link XsqlTableScan} does at run time: bind parameters, have the declared order checked when
 * the plan relies on it, open the source's cursor on the first row, stop on cancel or timeout, and name
 * the source in every error. Public only because generated code calls it.
 *
 * @param table the table
 * @param columns the table columns to read
 * @param filters pushed filters, parameters unbound
 * @param ordered whether the plan relies on the table's declared order
 * @param limit rows the table may stop after
 * @param limitOrder which rows the limit keeps, if the table sorts for it
 * @param aggregation the GROUP BY the table computes, if any
 */
public record ScanPlan(XsqlTable table, int[] columns, List<Predicate> filters, boolean ordered,
    OptionalLong limit, Optional<SortOrder> limitOrder, Optional<Aggregation> aggregation) {

  /**
   * Called by generated code. Rows have Calcite's shape for the column count: an {@code Object[]} for
   * several columns, the bare value for one, an empty comparable list for none.
   */
  public Enumerable<Object> enumerable(DataContext root) {
    List<Column> all = table.table().columns();
    Optional<List<Predicate>> bound = FilterBinding.bind(filters, all, root);
    if (bound.isEmpty()) {
      // A NULL parameter selects no row; an aggregate of no rows still has its one row.
      return aggregation.filter(a -> a.groupBy().isEmpty())
          .map(a -> Linq4j.singletonEnumerable(RowShapes.shape(a.calls().stream()
              .map(c -> c.function() == Aggregation.Function.COUNT ? (Object) 0L : null).toArray())))
          .orElse(Linq4j.emptyEnumerable());
    }
    QueryContext context = QueryContext.of(root);
    ScanRequest request = new ScanRequest(Arrays.stream(columns).boxed().toList(), bound.get(), limit,
        limitOrder, aggregation, context);
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object> enumerator() {
        return new ScanEnumerator(ScanPlan.this, request, context);
      }
    };
  }
}
