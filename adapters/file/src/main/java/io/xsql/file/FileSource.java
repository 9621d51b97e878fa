package io.xsql.file;

import io.xsql.spi.DataTable;
import io.xsql.spi.TableSource;
import java.util.List;

/**
 * A file source: its table, and what sampling it found worth telling.
 *
 * @param table the table
 * @param warnings notes on inferred types
 */
record FileSource(DataTable table, List<String> warnings) implements TableSource {}
