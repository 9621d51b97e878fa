package io.xsql.trino;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.predicate.TupleDomain;
import java.util.OptionalLong;

/**
 * A table with what a query pushed into its scan.
 *
 * @param name the table's Trino name
 * @param constraint the filter Trino offered the scan; the parts the table accepts reach it as xsql
 *     predicates ({@link XsqlTrinoFilters}), and Trino checks the whole filter again
 * @param limit how many rows the query reads at most, per split
 */
public record XsqlTrinoTableHandle(@JsonProperty("name") SchemaTableName name,
    @JsonProperty("constraint") TupleDomain<ColumnHandle> constraint, @JsonProperty("limit") OptionalLong limit)
    implements ConnectorTableHandle {
  @JsonCreator
  public XsqlTrinoTableHandle {
    requireNonNull(name, "name is null");
    requireNonNull(constraint, "constraint is null");
    requireNonNull(limit, "limit is null");
  }

  /** A handle of the whole table. */
  public XsqlTrinoTableHandle(SchemaTableName name) {
    this(name, TupleDomain.all(), OptionalLong.empty());
  }

  /** This handle with another filter. */
  public XsqlTrinoTableHandle withConstraint(TupleDomain<ColumnHandle> constraint) {
    return new XsqlTrinoTableHandle(name, constraint, limit);
  }

  /** This handle with a limit. */
  public XsqlTrinoTableHandle withLimit(long limit) {
    return new XsqlTrinoTableHandle(name, constraint, OptionalLong.of(limit));
  }
}
