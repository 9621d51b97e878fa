package io.xsql.spi;

/**
 * What a scan does with data that departs from the source's {@link SchemaContract} (catalog key
 * {@code on_drift}): a value of a kind the contract does not list.
 */
public enum OnDrift {
  /** Read on, and report how many records departed, with the first, as a warning of the query. */
  WARN,
  /** Stop the query with an error naming the table, the field and the record. */
  FAIL
}
