package io.xsql.spi;

import org.apache.calcite.schema.Schema;

/**
 * A source that brings its own Calcite schema, for sources whose tables carry a calling convention of
 * their own (a database: filters, joins and aggregates between its tables become one SQL statement).
 *
 * <p>The schema is placed in the root schema under the source's name. Queries find their
 * {@link ScanContext} with {@link ScanContext#of(org.apache.calcite.DataContext)}.
 */
public non-sealed interface CalciteSchemaSource extends Source {

  /**
   * The schema, with metadata read lazily: opening a connection must not wait for a database, and one
   * that is down fails only the queries that use it.
   */
  Schema schema();

  /**
   * Forgets the metadata read so far (tables, columns, keys, row counts), so that the next use reads it
   * again; pools and connections stay.
   */
  void refresh();
}
