package io.xsql.file;

import io.xsql.spi.ErrorCode;
import io.xsql.spi.ScanContext;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SourceException;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Builds a {@link FileIndex} in one pass over the data file. Keys are read exactly as a scan reads them
 * (the same reader, column types and {@code on_error}: a malformed record fails the build or is left out
 * as the scan would), records whose key holds a NULL are left out, and the entries are sorted in bounded
 * memory ({@link FileIndexSorter}). The index is written to a temporary file and moved into place in one
 * step, so that concurrent builders and readers never see half an index.
 */
final class FileIndexWriter {
  /** Records read between two looks at the query's cancel flag. */
  private static final int CANCEL_CHECK = 4096;

  private final FileConfig config;
  private final FileSchema schema;
  private final SeekableFormat format;
  private final Path file;

  /** A writer of indexes of one data file. */
  FileIndexWriter(FileConfig config, FileSchema schema, SeekableFormat format, Path file) {
    this.config = config;
    this.schema = schema;
    this.format = format;
    this.file = file;
  }

  /**
   * Builds the index of the records by these key columns into {@code target}.
   *
   * @param keys the key columns, as the header names them
   * @param stamp the data file's state before the pass (a change during it makes the index stale at once)
   * @param context the query waiting for it: canceling it stops the build, warnings of rows set aside go to it
   */
  void write(List<Integer> keyColumns, String keys, FileIndex.DataStamp stamp, Path target, ScanContext context) {
    Path dir = target.getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      try (FileIndexSorter sorter = new FileIndexSorter(dir, FileIndexSorter.RUN)) {
        read(keyColumns, sorter, context);
        temp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp),
            1 << 16))) {
          byte[] keyBytes = keys.getBytes(StandardCharsets.UTF_8);
          out.write(FileIndex.MAGIC);
          out.writeLong(stamp.size());
          out.writeLong(stamp.modified());
          out.writeLong(sorter.count());
          out.writeInt(keyBytes.length);
          out.write(keyBytes);
          sorter.writeTo(out);
        }
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new SourceException(ErrorCode.IO, "cannot write the index " + target + " of " + file + ": " + e, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /** Reads every record's key through the scan's own cursor, adding (hash, offset) of those without NULL. */
  private void read(List<Integer> keyColumns, FileIndexSorter sorter, ScanContext context) throws IOException {
    FileScan scan = FileScan.of(config, schema, ScanRequest.of(keyColumns, context));
    SeekableReader reader;
    try {
      reader = format.openSeekable(config, schema, file, scan.converted());
    } catch (IOException e) {
      throw FileInputs.unreadable(file, e);
    }
    try (FileCursor cursor = new FileCursor(scan, 0, file, reader)) {
      long records = 0;
      for (FileCursor.Step step = cursor.step(); step != FileCursor.Step.END; step = cursor.step()) {
        if (++records % CANCEL_CHECK == 0 && context.isCanceled()) {
          throw new SourceException(ErrorCode.CANCELED, "query canceled while indexing " + file);
        }
        if (step == FileCursor.Step.ROW && !KeyHash.hasNull(cursor.current())) {
          sorter.add(KeyHash.of(cursor.current()), reader.offset());
        }
      }
    } catch (UncheckedIOException e) {
      throw FileInputs.unreadable(file, e.getCause());
    }
    scan.errors().report(context);
  }

  private static void deleteQuietly(Path temp) {
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // A leftover temporary file in the cache folder costs only space.
      }
    }
  }
}
