package io.xsql.spi;

import java.util.Map;
import java.util.Optional;

/** A source that is a schema named after the source, holding tables. */
public non-sealed interface SchemaSource extends Source {

  /**
   * The tables by name, as the source spells them. The engine asks on first use, not when connecting, and
   * again after {@link #refresh}; a source that cannot be reached throws {@link SourceException}.
   */
  Map<String, DataTable> tables();

  /** Makes the next {@link #tables} read the source's tables and columns again. */
  default void refresh() {}

  /**
   * The columns of every table as inferred now from fresh samples, whatever contract the source was given,
   * for {@code xsql schema}; empty for a source whose tables declare their own types (a database).
   */
  default Optional<SchemaContract> inferredContract() {
    return Optional.empty();
  }
}
