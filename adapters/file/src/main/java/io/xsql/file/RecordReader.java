package io.xsql.file;

import java.io.Closeable;
import java.util.List;

/**
 * Reads one file's records, converting only the columns a scan needs.
 *
 * <p>Readers are format-specific; {@link FileCursor} does the rest (filters, projection, limit, errors).
 */
interface RecordReader extends Closeable {

  /**
   * Reads the next record, storing the needed columns' typed values into {@code values} by table column
   * index and nulls for needed columns the record lacks.
   *
   * @return false at the end of the file
   * @throws MalformedRecordException for a record that cannot be read
   */
  boolean next(Object[] values);

  /**
   * What the last record held that did not fit its column and was read as NULL ({@code on_error: null});
   * with other settings such a value fails the record instead.
   */
  List<String> nulled();

  /** Where the last record read (or failed) starts: {@code file:line}. */
  String position();

  /** A number that grows along the file, ordering the records of its parts (a line or byte offset). */
  long order();

  @Override
  void close();
}
