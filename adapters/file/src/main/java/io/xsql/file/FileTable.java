package io.xsql.file;

import io.xsql.spi.Aggregation;
import io.xsql.spi.Column;
import io.xsql.spi.FilterOp;
import io.xsql.spi.DataTable;
import io.xsql.spi.KeyLookup;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SortOrder;
import io.xsql.spi.SourceException;
import io.xsql.spi.TablePart;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.TypeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A source's files as a table. Scans read the files afresh, convert only the columns the query needs,
 * apply filters before a row exists and stop at a LIMIT. A table of one uncompressed JSON Lines or CSV file
 * also looks rows up by key through an index of the file ({@link FileLookup}).
 */
final class FileTable implements DataTable {
  /** Group column types whose values are equal in Java exactly when they are in SQL. */
  private static final Set<TypeKind> EXACT_KEYS = EnumSet.of(TypeKind.BOOLEAN, TypeKind.INTEGER, TypeKind.BIGINT,
      TypeKind.VARCHAR, TypeKind.DATE, TypeKind.TIME, TypeKind.TIMESTAMP);

  private final FileConfig config;
  private final FileSchema schema;
  private final Optional<SortOrder> sortOrder;
  /** Lookups through an index, for a source of one file in a format and settings an index can cover. */
  private final Optional<FileLookup> lookup;
  private final FileMarks orderMarks;

  FileTable(FileConfig config, FileSchema schema, Optional<SortOrder> sortOrder) {
    this.config = config;
    this.schema = schema;
    this.sortOrder = sortOrder;
    List<Path> files = config.files().files();
    this.lookup = files.size() == 1 && config.format().reader() instanceof SeekableFormat format
        && format.canSeek(config)
        ? Optional.of(new FileLookup(config, schema, format, files.get(0)))
        : Optional.empty();
    this.orderMarks = new FileMarks(config.indexFolder(), FileMarks.ORDER);
  }

  @Override
  public List<Column> columns() {
    return schema.columns();
  }

  @Override
  public RowCursor scan(ScanRequest request) {
    return scan(request, FileChunks.CHUNK);
  }

  /** A scan with a given size of parallel chunks, for tests of chunk boundaries. */
  RowCursor scan(ScanRequest request, long chunkBytes) {
    return groups(request, new FileSetCursor(FileScan.of(config, schema, request), request.context(),
        request.limit().orElse(Long.MAX_VALUE), chunkBytes));
  }

  /** The groups of a scan with an aggregation, from its files' and chunks' partial groups; else the rows. */
  private static RowCursor groups(ScanRequest request, RowCursor rows) {
    return request.aggregation().<RowCursor>map(a -> FileGroups.merging(rows, a, request.context())).orElse(rows);
  }

  /** The file followed as it grows, with {@code follow: true}. */
  @Override
  public Optional<DataTable> stream() {
    return config.follow() ? Optional.of(new FileFollow(config, schema)) : Optional.empty();
  }

  /**
   * One part per file, and for an uncompressed JSON Lines file byte ranges of about {@code bytesPerPart}
   * (a record never spans a line, so a part starts at the first line after its first byte). Other formats
   * split only by file: a CSV record may span lines inside quotes, so no offset tells where one starts.
   */
  @Override
  public List<TablePart> parts(long bytesPerPart) {
    if (bytesPerPart <= 0) {
      throw new IllegalArgumentException("bytesPerPart must be positive: " + bytesPerPart);
    }
    List<TablePart> out = new ArrayList<>();
    for (Path file : config.files().files()) {
      long size = rangeSize(file);
      if (size <= bytesPerPart) {
        out.add(TablePart.whole(file.toString()));
      } else {
        for (long start = 0; start < size; start += bytesPerPart) {
          out.add(new TablePart(file.toString(), start, Math.min(size, start + bytesPerPart)));
        }
      }
    }
    return out;
  }

  /** The size of a file that can be read by byte range, or 0 for a file read only whole. */
  private long rangeSize(Path file) {
    if (config.format() != FileFormat.JSONL || !FileInputs.isPlain(file)) {
      return 0;
    }
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw FileInputs.unreadable(file, e);
    }
  }

  @Override
  public RowCursor scan(ScanRequest request, TablePart part) {
    if (part.equals(TablePart.WHOLE)) {
      return scan(request);
    }
    int index = config.files().files().indexOf(Path.of(part.name()));
    if (index < 0) {
      throw new SourceException(ErrorCode.IO, "the file " + part.name() + " is no longer one of "
          + config.location());
    }
    if (!part.isWhole() && rangeSize(Path.of(part.name())) == 0) {
      throw new IllegalArgumentException("a byte range of " + part.name() + ", which is read only whole");
    }
    return groups(request, new FileSetCursor(FileScan.of(config, schema, request), request.context(),
        request.limit().orElse(Long.MAX_VALUE), FileChunks.CHUNK,
        List.of(new FileSetCursor.Piece(index, part.start(), part.end()))));
  }

  @Override
  public boolean canFilter(int column, FilterOp op) {
    return true;
  }

  @Override
  public boolean canFilterAlternatives() {
    return true;
  }

  @Override
  public boolean canLimit() {
    return true;
  }

  /**
   * Counts per group ({@code COUNT(*)}, {@code COUNT(column)}) where the file is declared sorted on the group
   * columns (its leading {@code sorted_by} keys, in any order) and they are of a type whose Java
   * {@code equals} is SQL's equality: the scan then counts one run of equal values at a time, on the
   * threads that parse the chunks, holding one group ({@link FileGroups}). The engine checks the declared
   * order before the first group ({@link #groupsInOrder}), as it does for a merge join. What else a GROUP BY
   * computes stays with the engine.
   */
  @Override
  public boolean canAggregate(Aggregation aggregation) {
    List<Integer> groupBy = aggregation.groupBy();
    List<SortOrder.Key> keys = sortOrder.map(SortOrder::keys).orElse(List.of());
    return !groupBy.isEmpty() && keys.size() >= groupBy.size() && Set.copyOf(groupBy).size() == groupBy.size()
        && Set.copyOf(groupBy).equals(keys.subList(0, groupBy.size()).stream().map(SortOrder.Key::column)
            .collect(Collectors.toSet()))
        && groupBy.stream().allMatch(c -> EXACT_KEYS.contains(schema.columns().get(c).type().kind()))
        && aggregation.calls().stream().allMatch(c -> c.function() == Aggregation.Function.COUNT);
  }

  /** Groups come in the declared order: a run is counted as the sorted file is read. */
  @Override
  public boolean groupsInOrder(Aggregation aggregation) {
    return canAggregate(aggregation);
  }

  @Override
  public Optional<SortOrder> sortOrder() {
    return sortOrder;
  }

  /** The files' paths, sizes and modification times: changed files get their declared order checked again. */
  @Override
  public Optional<Object> version() {
    try {
      return Optional.of(config.files().version());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean orderKnown(Object version) {
    return orderMarks.get(orderIdentity(version)).isPresent();
  }

  @Override
  public void orderConfirmed(Object version) {
    orderMarks.put(orderIdentity(version), new byte[0]);
  }

  /** Everything a check of the declared order depends on: the files as they were, how they are read. */
  private String orderIdentity(Object version) {
    return String.join("\n", version.toString(), config.format().toString(), config.csv().toString(),
        config.onError().toString(), schema.columns().toString(), schema.paths().toString(),
        sortOrder.map(SortOrder::toString).orElse(""));
  }

  @Override
  public OptionalLong estimatedRowCount() {
    return schema.estimatedRows();
  }

  @Override
  public OptionalLong distinctValues(int column) {
    return schema.distinct().get(column);
  }

  /**
   * Lookups by key through an index of the file, for a source of one uncompressed JSON Lines or CSV/TSV
   * file (read in an encoding whose bytes can be split directly); empty for other sources.
   */
  @Override
  public Optional<KeyLookup> keyLookup() {
    return lookup.filter(l -> backingFile().isPresent()).map(KeyLookup.class::cast);
  }

  /** The file, for a source of one uncompressed file: what a join can map into memory. */
  @Override
  public Optional<Path> backingFile() {
    List<Path> files = config.files().files();
    return files.size() == 1 && FileInputs.isPlain(files.get(0)) ? Optional.of(files.get(0)) : Optional.empty();
  }

  @Override
  public String describe() {
    int count = config.files().files().size();
    return config.format().name().toLowerCase(Locale.ROOT) + " " + config.location()
        + (count > 1 ? " (" + count + " files)" : "");
  }
}
