package io.xsql.file;

import io.xsql.spi.Column;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.KeyLookup;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanContext;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SourceException;
import io.xsql.spi.TypeKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Key lookups in one uncompressed JSON Lines or CSV/TSV file through an index of its records' offsets by
 * key ({@link FileIndex}), for lookup joins against a large file. The index of a key-column list is built on
 * its first lookup in one pass over the file, kept in a cache folder ({@code index_dir}, by default
 * {@code <java.io.tmpdir>/xsql-index}) for later queries and connections, and rebuilt when the file's size
 * or modification time changes. A lookup reads only the records the index points to.
 */
final class FileLookup implements KeyLookup {
  /** Key tuples per lookup: the offsets they find are sorted in memory. */
  static final int MAX_BATCH = 10_000;

  private final FileConfig config;
  private final FileSchema schema;
  private final SeekableFormat format;
  private final Path file;
  private final FileIndexWriter writer;
  /** The open index of each key-column list; guarded by this. */
  private final Map<List<Integer>, FileIndex> indexes = new HashMap<>();
  private int builds;

  /** Lookups in one data file. */
  FileLookup(FileConfig config, FileSchema schema, SeekableFormat format, Path file) {
    this.config = config;
    this.schema = schema;
    this.format = format;
    this.file = file;
    this.writer = new FileIndexWriter(config, schema, format, file);
  }

  /** One or more distinct columns of the file's own values (not {@code _file}, not binary). */
  @Override
  public boolean supports(List<Integer> keyColumns) {
    List<Column> columns = schema.columns();
    return !keyColumns.isEmpty() && new HashSet<>(keyColumns).size() == keyColumns.size()
        && keyColumns.stream().allMatch(c -> c >= 0 && c < columns.size()
            && !(schema.fileSlot().isPresent() && schema.fileSlot().getAsInt() == c)
            && columns.get(c).type().kind() != TypeKind.VARBINARY);
  }

  @Override
  public int maxBatchSize() {
    return MAX_BATCH;
  }

  /** Reads the records lazily: the index is found or built on the cursor's first {@code next()}. */
  @Override
  public RowCursor lookup(List<Integer> keyColumns, List<List<Object>> keys, ScanRequest request) {
    if (!supports(keyColumns)) {
      throw new IllegalArgumentException("no index on columns " + keyColumns + " of " + file);
    }
    return new FileLookupCursor(this, keyColumns, keys, request);
  }

  @Override
  public String describe(List<Integer> keyColumns) {
    return "index " + indexPath(keyColumns) + " on (" + keys(keyColumns) + ")";
  }

  FileConfig config() {
    return config;
  }

  FileSchema schema() {
    return schema;
  }

  SeekableFormat format() {
    return format;
  }

  Path file() {
    return file;
  }

  /**
   * The index of the file as it is now by these key columns: the one open if the file is unchanged, else
   * the one in the cache folder if it matches the file, else a new one built now.
   */
  synchronized FileIndex index(List<Integer> keyColumns, ScanContext context) {
    try {
      FileIndex.DataStamp stamp = FileIndex.DataStamp.of(file);
      FileIndex open = indexes.get(keyColumns);
      if (open != null && open.isFor(stamp)) {
        return open;
      }
      Path path = indexPath(keyColumns);
      String keys = keys(keyColumns);
      FileIndex index = FileIndex.open(path, stamp, keys).orElse(null);
      if (index == null) {
        writer.write(keyColumns, keys, stamp, path, context);
        builds++;
        index = FileIndex.open(path, stamp, keys).orElseThrow(() -> new SourceException(
            ErrorCode.IO, "the index " + path + " of " + file + " changed while it was opened"));
      }
      indexes.put(List.copyOf(keyColumns), index);
      return index;
    } catch (IOException e) {
      throw FileInputs.unreadable(file, e);
    }
  }

  /** Answered from a memory-mapped index in this process: nothing to wait on while a batch is joined. */
  @Override
  public boolean remote() {
    return false;
  }

  /** How many indexes this lookup built (not found ready), for tests. */
  synchronized int builds() {
    return builds;
  }

  /**
   * Where the index by these columns is: named after the data file and a hash of its absolute path, the
   * key columns (names, types, places in the records) and the settings that change how keys are read.
   */
  Path indexPath(List<Integer> keyColumns) {
    StringBuilder identity = new StringBuilder()
        .append(file.toAbsolutePath()).append('\n')
        .append(config.format()).append('\n')
        .append(config.csv()).append('\n')
        .append(config.onError()).append('\n')
        .append(schema.columns()).append('\n');
    for (int c : keyColumns) {
      identity.append(c).append(' ').append(schema.paths().get(c)).append('\n');
    }
    return config.indexFolder().resolve(file.getFileName() + "-" + sha256(identity.toString()).substring(0, 16)
        + ".idx");
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The key columns' names, as the index header and EXPLAIN name them. */
  private String keys(List<Integer> keyColumns) {
    return keyColumns.stream().map(c -> schema.columns().get(c).name()).collect(Collectors.joining(", "));
  }
}
