package io.xsql.spi;

/** A source that is a single table, named after the source and placed in the default schema. */
public non-sealed interface TableSource extends Source {

  /** The table. */
  DataTable table();
}
