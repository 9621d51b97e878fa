package io.xsql.trino;

import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.Range;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.predicate.ValueSet;
import io.xsql.spi.DataTable;
import io.xsql.spi.FilterOp;
import io.xsql.spi.Predicate;
import io.xsql.spi.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Trino's filter on a table (a domain of values per column) as the xsql predicates the table accepts
 * through {@link DataTable#canFilter}: a value, a list of values, one range, IS NULL or IS NOT NULL per
 * column. Anything else (several ranges, a value xsql cannot hold exactly) is left to Trino, which checks
 * the whole filter again anyway, so a predicate here only lets the source read less.
 */
final class XsqlTrinoFilters {

  private XsqlTrinoFilters() {}

  /** The predicates of a filter that the table accepts. */
  static List<Predicate> predicates(DataTable table, TupleDomain<ColumnHandle> constraint) {
    List<Predicate> out = new ArrayList<>();
    Optional<Map<ColumnHandle, Domain>> domains = constraint.getDomains();
    if (domains.isEmpty()) {
      return out;
    }
    for (Map.Entry<ColumnHandle, Domain> e : domains.get().entrySet()) {
      XsqlTrinoColumnHandle column = (XsqlTrinoColumnHandle) e.getKey();
      TypeKind kind = table.columns().get(column.index()).type().kind();
      // xsql compares doubles as Java does (-0.0 below 0.0, NaN above all), which SQL does not: a pushed
      // comparison could drop rows Trino would keep.
      if (kind != TypeKind.ARRAY && kind != TypeKind.DOUBLE) {
        out.addAll(predicates(table, column, kind, e.getValue()));
      }
    }
    return out;
  }

  private static List<Predicate> predicates(DataTable table, XsqlTrinoColumnHandle column, TypeKind kind,
      Domain domain) {
    int index = column.index();
    if (domain.isOnlyNull()) {
      return accepted(table, index, FilterOp.IS_NULL, new Predicate.IsNull(index, false));
    }
    if (domain.isNullAllowed()) {
      return List.of();
    }
    ValueSet values = domain.getValues();
    if (values.isAll()) {
      return accepted(table, index, FilterOp.IS_NOT_NULL, new Predicate.IsNull(index, true));
    }
    if (values.isSingleValue()) {
      return value(column, kind, values.getSingleValue())
          .map(v -> accepted(table, index, FilterOp.EQ, new Predicate.Compare(index, FilterOp.EQ, v)))
          .orElse(List.of());
    }
    if (values.isDiscreteSet()) {
      List<Object> in = new ArrayList<>();
      for (Object v : values.getDiscreteSet()) {
        Optional<Object> converted = value(column, kind, v);
        if (converted.isEmpty()) {
          return List.of();
        }
        in.add(converted.get());
      }
      return accepted(table, index, FilterOp.IN, new Predicate.In(index, in));
    }
    if (values.getRanges().getRangeCount() == 1) {
      return range(table, column, kind, values.getRanges().getSpan());
    }
    return List.of();
  }

  /** One range as up to two comparisons, each pushed only if the table accepts its operator. */
  private static List<Predicate> range(DataTable table, XsqlTrinoColumnHandle column, TypeKind kind, Range range) {
    int index = column.index();
    List<Predicate> out = new ArrayList<>();
    if (!range.isLowUnbounded()) {
      FilterOp op = range.isLowInclusive() ? FilterOp.GE : FilterOp.GT;
      value(column, kind, range.getLowBoundedValue())
          .ifPresent(v -> out.addAll(accepted(table, index, op, new Predicate.Compare(index, op, v))));
    }
    if (!range.isHighUnbounded()) {
      FilterOp op = range.isHighInclusive() ? FilterOp.LE : FilterOp.LT;
      value(column, kind, range.getHighBoundedValue())
          .ifPresent(v -> out.addAll(accepted(table, index, op, new Predicate.Compare(index, op, v))));
    }
    return out;
  }

  private static Optional<Object> value(XsqlTrinoColumnHandle column, TypeKind kind, Object value) {
    return XsqlTrinoTypes.fromNative(column.type(), kind, value);
  }

  private static List<Predicate> accepted(DataTable table, int column, FilterOp op, Predicate predicate) {
    return table.canFilter(column, op) ? List.of(predicate) : List.of();
  }
}
