package io.xsql.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A table as a source provides it: a row type and a scan, plus optional capabilities the planner asks
 * about. A table that overrides nothing is read in full and the engine does all the filtering; each
 * capability it declares lets the engine ask it for less.
 */
public interface DataTable {

  /**
   * The row estimate a {@link #stream()} view gives ({@link #estimatedRowCount}): a read that never ends is
   * the largest input of any plan, so that a join never waits to hash all of it.
   */
  long STREAM_ROWS = 1_000_000_000L;

  /** The columns, in table order. */
  List<Column> columns();

  /**
   * Opens a cursor over the rows. Called once per execution, so each call must read afresh; must be
   * lazy (rows are read as the cursor advances), and must not fail for data problems before the first
   * {@link RowCursor#next()}, so that a query that never reaches the rows never fails on them.
   */
  RowCursor scan(ScanRequest request);

  /**
   * Whether the scan can evaluate {@code op} on a column exactly as SQL does. Predicates the table
   * accepts arrive in {@link ScanRequest#filters()}, and the engine no longer checks them. Never asked
   * about an ARRAY column.
   */
  default boolean canFilter(int column, FilterOp op) {
    return false;
  }

  /**
   * Whether the scan can evaluate a disjunction ({@link Predicate.AnyOf}) of predicates it accepts one by
   * one. Without it, an OR stays with the engine (an IN list still reaches a table that accepts
   * {@link FilterOp#IN}).
   */
  default boolean canFilterAlternatives() {
    return false;
  }

  /** Whether the scan stops reading once it has returned {@link ScanRequest#limit()} rows. */
  default boolean canLimit() {
    return false;
  }

  /**
   * Whether the scan of a table that {@link #canLimit} can return the first {@link ScanRequest#limit()} rows
   * in this order ({@link ScanRequest#limitOrder()}), choosing them exactly as the engine's sort would, nulls
   * included: an ORDER BY with a LIMIT then reads only those rows. Never asked to order by an ARRAY column.
   */
  default boolean canSort(SortOrder order) {
    return false;
  }

  /**
   * Whether the scan can compute this GROUP BY over the rows its filters select, exactly as SQL would
   * ({@link ScanRequest#aggregation()}): the engine then reads only the groups. Never asked to group by or
   * aggregate an ARRAY column.
   */
  default boolean canAggregate(Aggregation aggregation) {
    return false;
  }

  /**
   * Whether the scan returns the groups of an aggregation it {@link #canAggregate} in the order of
   * {@link #sortOrder()}, whose leading keys are then its group columns: a merge join or an aggregate above
   * may rely on that order, and the engine checks the table against it as it does for rows.
   */
  default boolean groupsInOrder(Aggregation aggregation) {
    return false;
  }

  /**
   * The order rows come in, if the source promises one. Before a query that relies on the order reads its
   * first row, the engine checks the whole table against it (once per {@link #version()}), so that an
   * operator that stops early, such as a merge join or a LIMIT, can never be misled by rows out of order.
   */
  default Optional<SortOrder> sortOrder() {
    return Optional.empty();
  }

  /**
   * Identifies the current state of the data: equal versions mean unchanged data (a file's path, size and
   * modification time). Empty when the source cannot tell; the engine then checks a declared order before
   * every scan that relies on it.
   */
  default Optional<Object> version() {
    return Optional.empty();
  }

  /**
   * Whether this version of the data was found in the declared {@link #sortOrder()} before, by a check of
   * another connection or an earlier process, so that the engine need not read the whole table again.
   * False for a table that remembers no such check.
   */
  default boolean orderKnown(Object version) {
    return false;
  }

  /** Remembers, beyond this table object, that the engine read this version whole and found it in order. */
  default void orderConfirmed(Object version) {}

  /**
   * The table cut into parts that can be read independently, for an engine that spreads a scan over
   * machines: one per file of a file source, or byte ranges of a large file whose records can be found from
   * any offset; ranges of pages of an API listing; {@code _id} ranges of a MongoDB collection. A table that
   * cannot be cut is one part, {@link TablePart#WHOLE}.
   *
   * @param bytesPerPart about how many bytes of data (a file's, the responses', the documents') a part should
   *     cover
   */
  default List<TablePart> parts(long bytesPerPart) {
    return List.of(TablePart.WHOLE);
  }

  /**
   * Reads one part that {@link #parts} gave, possibly in another process that opened the same catalog: the
   * rows {@link #scan} would give for the request, restricted to the part, with the request's limit
   * applying to the part.
   */
  default RowCursor scan(ScanRequest request, TablePart part) {
    if (!part.equals(TablePart.WHOLE)) {
      throw new IllegalArgumentException("this table has no part " + part);
    }
    return scan(request);
  }

  /** An estimate of the number of rows, for choosing join order and strategy. */
  default OptionalLong estimatedRowCount() {
    return OptionalLong.empty();
  }

  /**
   * An estimate of the number of distinct non-null values of a column (from a sample, or the source's
   * statistics), for the share of rows a filter {@code column = value} keeps.
   *
   * @param column the column's index in {@link #columns()}
   */
  default OptionalLong distinctValues(int column) {
    return OptionalLong.empty();
  }

  /** The ability to fetch rows by key, for lookup joins. */
  default Optional<KeyLookup> keyLookup() {
    return Optional.empty();
  }

  /**
   * The table as a stream, for {@code SELECT STREAM}: a table with the same columns whose scans return rows
   * as they arrive and never end on their own (only when the query is canceled, closed or times out, which a
   * cursor waiting for a row must notice within a fraction of a second). Empty for a table that is no stream;
   * a table that has one is still scanned as it stands now by a query without {@code STREAM}.
   */
  default Optional<DataTable> stream() {
    return Optional.empty();
  }

  /**
   * What the table's stream says about event time, for windows over it ({@code TUMBLE}, {@code HOP},
   * {@code SESSION} under {@code SELECT STREAM}); {@link EventTime#NONE} for a table that declares nothing.
   */
  default EventTime eventTime() {
    return EventTime.NONE;
  }

  /**
   * For a stream: how a lookup join enriching it batches its keys ({@link LookupBatch}), so that a slow
   * stream's rows are not held until a full batch came. Empty for a table that ends.
   */
  default Optional<LookupBatch> lookupBatch() {
    return Optional.empty();
  }

  /** The local file holding the rows, if the table is one file that could be memory-mapped. */
  default Optional<Path> backingFile() {
    return Optional.empty();
  }

  /**
   * What {@code DatabaseMetaData} reports of the table beyond its columns. By default, a declared
   * {@link #sortOrder()} shows as a non-unique index named {@code sorted_by}, which tools list among
   * indexes; a source that knows comments, keys or indexes overrides this.
   */
  default TableMetadata metadata() {
    Optional<SortOrder> order = sortOrder();
    List<Column> columns = columns();
    return new TableMetadata() {
      @Override
      public List<TableIndex> indexes() {
        return order.map(o -> List.of(new TableIndex("sorted_by", false, TableIndex.Kind.OTHER,
            o.keys().stream().map(k -> new TableIndex.Column(columns.get(k.column()).name(),
                Optional.of(!k.descending()))).toList(), Optional.empty()))).orElse(List.of());
      }
    };
  }

  /**
   * What EXPLAIN shows for this table besides its name: the file, the endpoint, the collection. Must not
   * contain secrets.
   */
  default String describe() {
    return "";
  }

  /**
   * What EXPLAIN shows for a scan with this request: the native query a source makes of it (a MongoDB
   * {@code find} with its filter), by default {@link #describe()}. Its filters may hold query parameters
   * not bound yet, of no column's class; its context is detached. Must not contain secrets.
   */
  default String describe(ScanRequest request) {
    return describe();
  }
}
