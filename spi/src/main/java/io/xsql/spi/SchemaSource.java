package io.xsql.spi;

import java.util.Map;

/** A source that is a schema named after the source, holding tables. */
public non-sealed interface SchemaSource extends Source {

  /** The tables by name, as the source spells them. */
  Map<String, DataTable> tables();
}
