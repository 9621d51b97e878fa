package io.xsql.file;

import io.xsql.spi.Aggregation;
import io.xsql.spi.ErrorLog;
import io.xsql.spi.OnError;
import io.xsql.spi.Predicate;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanContext;
import io.xsql.spi.ScanRequest;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * What the cursors of one scan share, whatever file or chunk they read.
 *
 * @param config the source
 * @param schema the table's columns
 * @param converted the columns readers convert: those returned, those filters read, and with
 *     {@code on_error: skip} all (whether a row is skipped must not depend on the query); never {@code _file}
 * @param filters the pushed-down filters, evaluated on converted values before a row exists
 * @param wanted the columns a row holds, in order: with an aggregation, its group columns and then the
 *     columns its calls count, which {@link FileGroups} turns into groups
 * @param fileSlot the {@code _file} column's index, if the table has one
 * @param errors where set-aside rows and values are counted
 * @param aggregation the GROUP BY the scan computes, if any
 * @param context the query's, whose cancel a long run of one group checks
 */
record FileScan(FileConfig config, FileSchema schema, BitSet converted, List<Predicate> filters, int[] wanted,
    OptionalInt fileSlot, ErrorLog errors, Optional<Aggregation> aggregation, ScanContext context) {

  static FileScan of(FileConfig config, FileSchema schema, ScanRequest request) {
    int[] wanted = request.aggregation().map(a -> IntStream.concat(a.groupBy().stream().mapToInt(Integer::intValue),
        a.calls().stream().filter(c -> c.column().isPresent()).mapToInt(c -> c.column().getAsInt())).toArray())
        .orElseGet(request::columnArray);
    BitSet converted = new BitSet();
    if (config.onError() == OnError.SKIP) {
      converted.set(0, schema.columns().size());
    }
    Arrays.stream(wanted).forEach(converted::set);
    for (Predicate p : request.filters()) {
      converted.or(p.columns());
    }
    OptionalInt fileSlot = schema.fileSlot();
    fileSlot.ifPresent(converted::clear);
    return new FileScan(config, schema, converted, request.filters(), wanted, fileSlot,
        new ErrorLog(config.location().toString()), request.aggregation(), request.context());
  }

  /**
   * The rows a cursor over one file or chunk of this scan returns: as read, or with an aggregation, as the
   * partial groups of their runs.
   */
  RowCursor rows(RowCursor read) {
    return aggregation.<RowCursor>map(a -> FileGroups.counting(read, a, context)).orElse(read);
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
