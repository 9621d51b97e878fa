package io.xsql.spi;

/**
 * One entry of the catalog, opened.
 *
 * <p>A source is either a {@link TableSource} (a file or an in-process collection: one table named after
 * the source, in the default schema) or a {@link SchemaSource} (a database, MongoDB, an API: a schema
 * named after the source, holding its tables).
 */
public sealed interface Source extends AutoCloseable permits TableSource, SchemaSource {

  /**
   * What the user should know about the source as opened, such as a column typed wider than some of its
   * values; the driver reports these as warnings on the connection.
   */
  default java.util.List<String> warnings() {
    return java.util.List.of();
  }

  /** Releases pools, clients and file handles. */
  @Override
  default void close() {
    // Most sources hold nothing between queries.
  }
}
