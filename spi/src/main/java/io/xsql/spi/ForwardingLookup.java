package io.xsql.spi;

import java.util.List;

/**
 * A {@link KeyLookup} that wraps another and answers what it does not change as the other does: the
 * planner's choices (keys, batch sizes, indexes) and EXPLAIN stay those of the wrapped lookup.
 */
public interface ForwardingLookup extends KeyLookup {

  /** The wrapped lookup. */
  KeyLookup lookup();

  @Override
  default boolean supports(List<Integer> keyColumns) {
    return lookup().supports(keyColumns);
  }

  @Override
  default int maxBatchSize() {
    return lookup().maxBatchSize();
  }

  @Override
  default boolean indexed(List<Integer> keyColumns) {
    return lookup().indexed(keyColumns);
  }

  @Override
  default boolean scans(List<Integer> keyColumns) {
    return lookup().scans(keyColumns);
  }

  @Override
  default RowCursor scan(List<Integer> keyColumns, ScanRequest request) {
    return lookup().scan(keyColumns, request);
  }

  @Override
  default String describe(List<Integer> keyColumns) {
    return lookup().describe(keyColumns);
  }

  @Override
  default boolean remote() {
    return lookup().remote();
  }
}
