package io.xsql.spi;

import java.util.List;

/**
 * A table's ability to return the rows matching a batch of key values without a full scan: a database's
 * {@code WHERE k IN (...)}, MongoDB's {@code $in}, an index over a file, a map in memory. The planner uses
 * it for lookup joins when the other side of the join is small.
 */
public interface KeyLookup {

  /** Whether the table can look rows up by these columns (table column indexes). */
  boolean supports(List<Integer> keyColumns);

  /** The most key tuples one {@link #lookup} call may take (bind-parameter and IN-list limits). */
  int maxBatchSize();

  /**
   * Whether the source finds the rows of these key columns through an index, at a cost that grows with the
   * keys rather than with the table: several lookups then cost about what one does, where a source without
   * one reads the table once per lookup. A unique key needs no answer here; the planner knows it.
   */
  default boolean indexed(List<Integer> keyColumns) {
    return false;
  }

  /**
   * Returns the rows whose key columns equal one of the key tuples, in no particular order.
   *
   * @param keyColumns the key columns, by table column index
   * @param keys distinct key tuples, values in the columns' Java classes, none null
   * @param request the columns to return, and the query's context; its filters also apply
   */
  RowCursor lookup(List<Integer> keyColumns, List<List<Object>> keys, ScanRequest request);

  /**
   * Whether {@link #scan} reads every row a lookup by these columns could return, in one request (a
   * database's statement without the key condition): what lets a lookup join whose outer side turns out
   * far larger than planned switch to one read of this side.
   */
  default boolean scans(List<Integer> keyColumns) {
    return false;
  }

  /**
   * Every row a lookup by these columns could return, whatever the keys, in the shape {@link #lookup} returns
   * them: the request's columns, its filters applied. Only where {@link #scans} says so.
   */
  default RowCursor scan(List<Integer> keyColumns, ScanRequest request) {
    throw new UnsupportedOperationException("this lookup cannot read all its rows at once");
  }

  /**
   * Whether a lookup waits on another process (a database, a server, an API), so that a join fetches its
   * next batch while it joins the current one. False for lookups answered in this process (a file's
   * memory-mapped index), where a second thread only adds work: an mmap join at 1,000,000 products took
   * 3.35 s with batches fetched ahead against 2.25 s without.
   */
  default boolean remote() {
    return true;
  }

  /**
   * What EXPLAIN shows for lookups by these columns: the native request (SQL with its placeholders, a
   * MongoDB filter) or the index file. Must not contain secrets or key values.
   */
  default String describe(List<Integer> keyColumns) {
    return "";
  }
}
