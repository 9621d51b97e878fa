package io.xsql.jdbc;

import io.xsql.spi.ColumnMetadata;
import io.xsql.spi.ColumnStatistics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.calcite.schema.Schema;

/**
 * A table or view as the database's metadata describes it.
 *
 * @param namespace where it lives
 * @param name its name as the database spells it
 * @param type table, view, ...
 * @param columns its columns in order
 * @param rows the database's estimate of its row count, if it keeps one
 * @param distinct the database's estimates of its columns' distinct values, by name, where it keeps them
 * @param remarks the table's comment, if it has one
 * @param described what the database says of each column beyond its type (comments, defaults), by name
 */
record JdbcTableInfo(JdbcNamespace namespace, String name, Schema.TableType type, List<JdbcColumn> columns,
    OptionalDouble rows, Map<String, Double> distinct, Optional<String> remarks,
    Map<String, ColumnMetadata> described) {
  JdbcTableInfo {
    columns = List.copyOf(columns);
    distinct = Map.copyOf(distinct);
    described = Map.copyOf(described);
  }

  /** The estimate of a column's distinct values (see {@link ColumnStatistics}). */
  OptionalDouble distinctValues(int column) {
    Double d = distinct.get(columns.get(column).name());
    return d == null ? OptionalDouble.empty() : OptionalDouble.of(d);
  }
}
