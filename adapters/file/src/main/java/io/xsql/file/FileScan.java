package io.xsql.file;

import io.xsql.spi.ErrorLog;
import io.xsql.spi.OnError;
import io.xsql.spi.Predicate;
import io.xsql.spi.ScanRequest;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalInt;

/**
 * What the cursors of one scan share, whatever file or chunk they read.
 *
 * @param config the source
 * @param schema the table's columns
 * @param converted the columns readers convert: those returned, those filters read, and with
 *     {@code on_error: skip} all (whether a row is skipped must not depend on the query); never {@code _file}
 * @param filters the pushed-down filters, evaluated on converted values before a row exists
 * @param wanted the columns a row holds, in order
 * @param fileSlot the {@code _file} column's index, if the table has one
 * @param errors where set-aside rows and values are counted
 */
record FileScan(FileConfig config, FileSchema schema, BitSet converted, List<Predicate> filters, int[] wanted,
    OptionalInt fileSlot, ErrorLog errors) {

  static FileScan of(FileConfig config, FileSchema schema, ScanRequest request) {
    BitSet converted = new BitSet();
    if (config.onError() == OnError.SKIP) {
      converted.set(0, schema.columns().size());
    }
    request.columns().forEach(converted::set);
    for (Predicate p : request.filters()) {
      converted.or(p.columns());
    }
    OptionalInt fileSlot = schema.fileSlot();
    fileSlot.ifPresent(converted::clear);
    return new FileScan(config, schema, converted, request.filters(), request.columnArray(), fileSlot,
        new ErrorLog(config.location().toString()));
  }

  /** Whether rows of the file named {@code name} can pass the filters that read only {@code _file}. */
  boolean mayMatch(String name) {
    if (fileSlot.isEmpty()) {
      return true;
    }
    int slot = fileSlot.getAsInt();
    for (Predicate p : filters) {
      BitSet columns = p.columns();
      if (columns.cardinality() == 1 && columns.get(slot) && !p.test(c -> name)) {
        return false;
      }
    }
    return true;
  }
}
