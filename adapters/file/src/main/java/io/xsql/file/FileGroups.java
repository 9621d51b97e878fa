package io.xsql.file;

import io.xsql.spi.Aggregation;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanContext;
import io.xsql.spi.SourceException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The counts of a GROUP BY over a file sorted on its group columns ({@link FileTable#canAggregate}), one
 * run of equal group values at a time: only the run being counted is held. Rows read from a file become
 * partial groups (its group values, then per call 1 or 0), the parallel chunks of a JSON Lines file count
 * their own runs ({@link FileChunks}) on their threads, and the scan adds up the partial groups of
 * consecutive rows, chunks and files whose group values are equal. Equal is Java's {@code equals}, which
 * is SQL's for the group column types the table accepts; NULLs form one group.
 */
final class FileGroups implements RowCursor {
  /** Input rows between checks for a canceled query (the scan may read many rows before a group ends). */
  private static final int CANCEL_CHECK = 4096;

  private final RowCursor input;
  private final int keys;
  /** Per call, the input slot whose non-NULL values it counts, -1 for COUNT(*); null for partial groups. */
  private final int[] counted;
  private final ScanContext context;
  private final long[] counts;
  /** The first row of the run being counted; null before the first row and after the last. */
  private Object[] run;
  private Object[] current;
  private long read;

  private FileGroups(RowCursor input, int keys, int[] counted, int calls, ScanContext context) {
    this.input = input;
    this.keys = keys;
    this.counted = counted;
    this.context = context;
    this.counts = new long[calls];
  }

  /**
   * The partial groups of rows holding a scan's group columns, then the columns its calls count
   * ({@link FileScan#of}): one per run of equal group values.
   */
  static FileGroups counting(RowCursor rows, Aggregation aggregation, ScanContext context) {
    int keys = aggregation.groupBy().size();
    int[] counted = new int[aggregation.calls().size()];
    int next = keys;
    for (int i = 0; i < counted.length; i++) {
      counted[i] = aggregation.calls().get(i).column().isPresent() ? next++ : -1;
    }
    return new FileGroups(rows, keys, counted, counted.length, context);
  }

  /** The groups of partial groups in order, those of equal group values added up. */
  static FileGroups merging(RowCursor partials, Aggregation aggregation, ScanContext context) {
    return new FileGroups(partials, aggregation.groupBy().size(), null, aggregation.calls().size(), context);
  }

  @Override
  public boolean next() {
    while (input.next()) {
      if (++read % CANCEL_CHECK == 0 && context.isCanceled()) {
        throw new SourceException(ErrorCode.CANCELED, "query canceled");
      }
      Object[] row = input.current();
      if (run != null && sameGroup(run, row)) {
        add(row);
        continue;
      }
      boolean ended = run != null;
      if (ended) {
        current = group();
      }
      run = row;
      Arrays.fill(counts, 0);
      add(row);
      if (ended) {
        return true;
      }
    }
    if (run == null) {
      return false;
    }
    current = group();
    run = null;
    return true;
  }

  private boolean sameGroup(Object[] a, Object[] b) {
    for (int k = 0; k < keys; k++) {
      if (!Objects.equals(a[k], b[k])) {
        return false;
      }
    }
    return true;
  }

  private void add(Object[] row) {
    for (int i = 0; i < counts.length; i++) {
      counts[i] += counted == null ? (Long) row[keys + i] : counted[i] < 0 || row[counted[i]] != null ? 1 : 0;
    }
  }

  /** The run counted so far as a group row. */
  private Object[] group() {
    Object[] out = Arrays.copyOf(run, keys + counts.length);
    for (int i = 0; i < counts.length; i++) {
      out[keys + i] = counts[i];
    }
    return out;
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public String position() {
    return input.position();
  }

  @Override
  public void close() {
    input.close();
  }
}
