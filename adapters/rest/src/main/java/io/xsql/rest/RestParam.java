package io.xsql.rest;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;

/**
 * A query parameter (or a {@code {name}} in the path) that a column's values fill: from {@code WHERE col = v},
 * {@code col IN (...)} or a join's keys.
 *
 * @param name the parameter's name
 * @param column the column whose values it takes
 * @param batch how many values one request may carry, joined by {@code separator}; empty for one per request
 * @param separator what joins the values of a batch
 * @param required whether a listing without a value for it is refused (always for path parameters)
 * @param inPath whether it is a {@code {name}} in the path rather than a query parameter
 */
record RestParam(String name, String column, OptionalInt batch, String separator, boolean required,
    boolean inPath) {
  RestParam {
    requireNonNull(name, "name is null");
    requireNonNull(column, "column is null");
    requireNonNull(batch, "batch is null");
    requireNonNull(separator, "separator is null");
  }

  /** Values one request may carry. */
  int perRequest() {
    return batch.orElse(1);
  }
}
