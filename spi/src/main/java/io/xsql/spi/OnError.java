package io.xsql.spi;

/**
 * What a scan does with a malformed row or a value that does not fit its column (catalog key
 * {@code on_error}, the same for every source that reads schemaless data).
 */
public enum OnError {
  /** Stop the query with an error naming where (file and line, collection and document). */
  FAIL,
  /** Leave the row out, count it, and report the count as a warning on the ResultSet. */
  SKIP,
  /**
   * Read a value that does not fit its column as NULL and keep the row; rows that cannot be read at all
   * (broken JSON, ragged CSV) are left out. Both are counted in warnings.
   */
  NULL
}
