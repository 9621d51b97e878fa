package io.xsql.spi;

/**
 * One entry of the catalog, opened.
 *
 * <p>A source is a {@link TableSource} (a file or an in-process collection: one table named after the
 * source, in the default schema), a {@link SchemaSource} (MongoDB, an API: a schema named after the
 * source, holding its tables), or a {@link CalciteSchemaSource} (a database that plans whole subtrees
 * itself and so hands the engine a Calcite schema of its own).
 */
public sealed interface Source extends AutoCloseable permits TableSource, SchemaSource, CalciteSchemaSource {

  /**
   * What the user should know about the source, such as a column typed wider than some of its values or
   * a database that could not be listed; the driver reports these as warnings on the connection.
   */
  default java.util.List<String> warnings() {
    return java.util.List.of();
  }

  /** How the source stands: open, with its latest warning as the last error. */
  default SourceStatus status() {
    java.util.List<String> warnings = warnings();
    return new SourceStatus("open", java.util.Optional.empty(), warnings.isEmpty() ? java.util.Optional.empty()
        : java.util.Optional.of(warnings.get(warnings.size() - 1)));
  }

  /** Releases pools, clients and file handles. */
  @Override
  default void close() {
    // Most sources hold nothing between queries.
  }
}
