package io.xsql.planner;

import io.xsql.spi.Column;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.Predicate;
import io.xsql.spi.SourceException;
import io.xsql.spi.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.DataContext;
import org.apache.calcite.avatica.AvaticaSite;

/** Puts a query's {@code ?} values into pushed filters when it runs. */
final class FilterBinding {
  private FilterBinding() {}

  /**
   * Replaces parameters with the execution's values. Returns empty when a parameter is null, since a
   * comparison with NULL is never true and the whole (conjunctive) filter list then selects nothing.
   */
  static Optional<List<Predicate>> bind(List<Predicate> filters, List<Column> columns, DataContext root) {
    List<Predicate> out = new ArrayList<>(filters.size());
    for (Predicate p : filters) {
      Optional<Predicate> bound = bind(p, columns, root);
      if (bound.isEmpty()) {
        return Optional.empty();
      }
      out.add(bound.get());
    }
    return Optional.of(out);
  }

  private static Optional<Predicate> bind(Predicate p, List<Column> columns, DataContext root) {
    if (p instanceof Predicate.Compare c && c.value() instanceof ScanFilters.Param param) {
      Object value = parameter(root, param);
      if (value == null) {
        return Optional.empty();
      }
      return Optional.of(new Predicate.Compare(c.column(), c.op(),
          parameterValue(value, columns.get(c.column()), param)));
    }
    if (p instanceof Predicate.In in) {
      // A NULL in an IN list never matches: leave it out, and if nothing is left, nothing matches.
      List<Object> values = new ArrayList<>();
      for (Object v : in.values()) {
        if (!(v instanceof ScanFilters.Param param)) {
          values.add(v);
        } else if (parameter(root, param) != null) {
          values.add(parameterValue(parameter(root, param), columns.get(in.column()), param));
        }
      }
      return values.isEmpty() ? Optional.empty() : Optional.of(new Predicate.In(in.column(), values));
    }
    if (p instanceof Predicate.AnyOf any) {
      List<Predicate> alternatives = new ArrayList<>();
      for (Predicate alternative : any.alternatives()) {
        bind(alternative, columns, root).ifPresent(alternatives::add);
      }
      return alternatives.isEmpty() ? Optional.empty() : Optional.of(new Predicate.AnyOf(alternatives));
    }
    return Optional.of(p);
  }

  /** A parameter's value; null for SQL NULL (Calcite's data context stores it as a placeholder). */
  private static Object parameter(DataContext root, ScanFilters.Param param) {
    Object value = root.get("?" + param.index());
    return value == AvaticaSite.DUMMY_VALUE ? null : value;
  }

  private static Object parameterValue(Object value, Column column, ScanFilters.Param param) {
    TypeKind kind = column.type().kind();
    try {
      if (kind.isNumeric() && (value instanceof Number || value instanceof String)) {
        return ScanFilters.exactNumber(value instanceof BigDecimal d ? d : new BigDecimal(value.toString().trim()),
            kind);
      }
      if (kind.javaClass().isInstance(value)) {
        return value;
      }
    } catch (ArithmeticException | NumberFormatException e) {
      // Falls through to the error below.
    }
    throw new SourceException(ErrorCode.DATA_TYPE, "parameter " + (param.index() + 1) + " for column '"
        + column.name() + "' must be of type " + column.type() + " but is " + value.getClass().getSimpleName()
        + " " + value);
  }

}
