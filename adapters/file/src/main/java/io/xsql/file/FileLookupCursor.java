package io.xsql.file;

import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanContext;
import io.xsql.spi.ScanRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * The rows of one lookup: finds the offsets of the records whose key hash is one asked for, reads those
 * records in file order through the scan's own cursor (conversion, {@code on_error}, filters), and keeps
 * those whose key really is one asked for (hashes collide).
 */
final class FileLookupCursor implements RowCursor {
  private final FileLookup lookup;
  private final List<Integer> keyColumns;
  private final List<List<Object>> keys;
  private final ScanRequest request;
  private final ScanContext context;
  private final int width;
  private final Set<List<Object>> wanted = new HashSet<>();
  private long[] offsets;
  private int next;
  private FileScan scan;
  private SeekableReader reader;
  private FileCursor cursor;
  private Object[] current;
  private boolean ended;

  FileLookupCursor(FileLookup lookup, List<Integer> keyColumns, List<List<Object>> keys, ScanRequest request) {
    this.lookup = lookup;
    this.keyColumns = List.copyOf(keyColumns);
    this.keys = keys;
    this.request = request;
    this.context = request.context();
    this.width = request.columns().size();
  }

  @Override
  public boolean next() {
    if (ended) {
      return false;
    }
    if (cursor == null) {
      open();
    }
    while (next < offsets.length && !context.isCanceled()) {
      reader.seek(offsets[next++]);
      if (cursor.step() == FileCursor.Step.ROW) {
        // The row holds the requested columns and then the key columns, to check the key.
        Object[] row = cursor.current();
        if (wanted.contains(KeyHash.tuple(Arrays.copyOfRange(row, width, row.length)))) {
          current = Arrays.copyOf(row, width);
          return true;
        }
      }
    }
    end();
    return false;
  }

  /** Finds the records' offsets in the index (building it if needed) and opens the file. */
  private void open() {
    FileIndex index = lookup.index(keyColumns, context);
    LongStream.Builder hashes = LongStream.builder();
    for (List<Object> key : keys) {
      Object[] values = key.toArray();
      if (!KeyHash.hasNull(values) && wanted.add(KeyHash.tuple(values))) {
        hashes.add(KeyHash.of(values));
      }
    }
    // In hash order the searches walk the index forward instead of jumping across it.
    LongStream.Builder found = LongStream.builder();
    hashes.build().sorted().forEach(hash -> index.offsets(hash, found));
    // In file order, each once: reads go forward, and two keys with one hash find the same records.
    offsets = found.build().sorted().distinct().toArray();
    List<Integer> columns = new ArrayList<>(request.columns());
    columns.addAll(keyColumns);
    scan = FileScan.of(lookup.config(), lookup.schema(),
        new ScanRequest(columns, request.filters(), OptionalLong.empty(), context));
    try {
      reader = lookup.format().openSeekable(lookup.config(), lookup.schema(), lookup.file(), scan.converted());
    } catch (IOException e) {
      throw FileInputs.unreadable(lookup.file(), e);
    } catch (UncheckedIOException e) {
      throw FileInputs.unreadable(lookup.file(), e.getCause());
    }
    cursor = new FileCursor(scan, 0, lookup.file(), reader);
  }

  /** Reports what {@code on_error} set aside, once, when the rows end or the lookup stops early. */
  private void end() {
    if (!ended) {
      ended = true;
      if (scan != null) {
        scan.errors().report(context);
      }
    }
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public String position() {
    return reader == null ? lookup.file().toString() : reader.position();
  }

  @Override
  public void close() {
    try {
      if (cursor != null) {
        cursor.close();
      }
    } finally {
      end();
    }
  }
}
