package io.xsql.spi;

import java.util.Map;

/** A source that is a schema named after the source, holding tables. */
public non-sealed interface SchemaSource extends Source {

  /**
   * The tables by name, as the source spells them. The engine asks on first use, not when connecting, and
   * again after {@link #refresh}; a source that cannot be reached throws {@link SourceException}.
   */
  Map<String, DataTable> tables();

  /** Makes the next {@link #tables} read the source's tables and columns again. */
  default void refresh() {}
}
