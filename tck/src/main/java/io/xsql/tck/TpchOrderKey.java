package io.xsql.tck;

import static java.util.Objects.requireNonNull;

/**
 * One key of a query's final ORDER BY: a result column by its label.
 *
 * @param column the label of the result column, as the query's ORDER BY writes it
 * @param descending whether it sorts descending
 */
public record TpchOrderKey(String column, boolean descending) {
  /** Checks the fields. */
  public TpchOrderKey {
    requireNonNull(column, "column is null");
  }
}
