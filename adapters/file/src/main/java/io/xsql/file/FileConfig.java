package io.xsql.file;

import io.xsql.spi.ColumnType;
import io.xsql.spi.EventTime;
import io.xsql.spi.OnError;
import io.xsql.spi.Options;
import io.xsql.spi.SourceConfig;
import io.xsql.spi.TypeKind;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A file source's settings, read and checked in one place.
 *
 * @param source the source name
 * @param files the files that make the table
 * @param format the format
 * @param csv CSV settings (defaults for other formats)
 * @param pinned column types fixed in the catalog, which win over inference
 * @param sortedBy the declared sort keys: column name and whether descending
 * @param onError what to do with malformed rows and values
 * @param sampleSize how many records type inference reads
 * @param flattenDepth how many levels of nested objects (or elements) become {@code parent.child} columns
 * @param records where the records are in the document (JSON pointer for JSON, element path for XML)
 * @param fileColumn whether the table has a {@code _file} column naming each row's file
 * @param indexDir where key indexes of the file and order checks go, if not in
 *     {@code <java.io.tmpdir>/xsql-index}
 * @param follow whether {@code SELECT STREAM} may follow the file as it grows (JSON Lines, one file)
 * @param eventTime the event time, watermark and idle timeout of a followed file, for windows
 */
record FileConfig(String source, FileSet files, FileFormat format, CsvOptions csv,
    Map<String, ColumnType> pinned, List<SortKey> sortedBy, OnError onError, int sampleSize, int flattenDepth,
    Optional<String> records, boolean fileColumn, Optional<Path> indexDir, boolean follow,
    EventTime eventTime) {

  /** A declared sort key, by name. */
  record SortKey(String column, boolean descending) {}

  /** The name of the column holding each row's file, with {@code file_column: true}. */
  static final String FILE_COLUMN = "_file";

  /** The folder of the files xsql keeps about the source's files: key indexes, order checks. */
  Path indexFolder() {
    return indexDir.orElse(Path.of(System.getProperty("java.io.tmpdir"), "xsql-index"));
  }

  private static final Set<String> COMMON =
      Set.of("type", "path", "columns", "sorted_by", "on_error", "sample_size", "file_column", "index_dir");

  static FileConfig parse(SourceConfig config) {
    Options o = config.options();
    FileFormat format = FileFormat.valueOf(config.type().toUpperCase(Locale.ROOT));
    Set<String> allowed = new HashSet<>(COMMON);
    allowed.addAll(format.reader().keys());
    o.allowOnly(allowed);
    FileSet files = FileSet.resolve(o);
    int sampleSize = o.integer("sample_size", 1000, 1);
    int flattenDepth = o.integer("flatten_depth", 3, 0);
    Optional<String> records = o.string("records");
    if (records.isPresent() && !records.get().startsWith("/")) {
      throw o.error("records", "must start with '/', such as /data/items");
    }
    return new FileConfig(config.name(), files, format, csv(o, format), columnTypes(o), sortedBy(o),
        o.choice("on_error", OnError.class, OnError.FAIL), sampleSize, flattenDepth, records,
        o.bool("file_column", false), indexDir(o), follow(o, files), eventTime(o));
  }

  /** The event time of a followed file; the keys mean nothing to a file read as it stands. */
  private static EventTime eventTime(Options o) {
    for (String key : EventTime.KEYS) {
      if (o.node(key).isPresent() && !o.bool("follow", false)) {
        throw o.error(key, "applies to a followed file only (follow: true)");
      }
    }
    return EventTime.read(o);
  }

  /** {@code follow}, for one file: several files or a folder have no one end to wait at. */
  private static boolean follow(Options o, FileSet files) {
    boolean follow = o.bool("follow", false);
    if (follow && files.files().size() != 1) {
      throw o.error("follow", "needs a path naming one file");
    }
    return follow;
  }

  /** The pinned column types; files have no arrays yet (a JSON array is read as its text). */
  private static Map<String, ColumnType> columnTypes(Options o) {
    Map<String, ColumnType> types = o.columnTypes("columns");
    types.forEach((column, type) -> {
      if (type.kind() == TypeKind.ARRAY) {
        throw o.error("columns", "column '" + column + "': file sources have no " + type + " columns");
      }
    });
    return types;
  }

  /** A folder for index files: created when the first index is, but a file of that name is a mistake. */
  private static Optional<Path> indexDir(Options o) {
    if (o.string("index_dir").filter(String::isBlank).isPresent()) {
      throw o.error("index_dir", "must name a folder");
    }
    Optional<Path> dir = o.path("index_dir");
    if (dir.isPresent() && Files.exists(dir.get()) && !Files.isDirectory(dir.get())) {
      throw o.error("index_dir", "is not a folder: " + dir.get());
    }
    return dir;
  }

  /** The path as the catalog gave it, resolved: the file, folder or glob, for messages. */
  Path location() {
    return files.location();
  }

  private static CsvOptions csv(Options o, FileFormat format) {
    char delimiter = character(o, "delimiter", format == FileFormat.TSV ? '\t' : ',');
    // TSV has no quoting: a quote character in a field is data. `quote: ""` turns quoting off for CSV.
    Optional<Character> quote = o.string("quote").map(q -> q.isEmpty() ? Optional.<Character>empty()
        : Optional.of(character(o, "quote", '"'))).orElse(format == FileFormat.TSV ? Optional.empty()
        : Optional.of('"'));
    Charset encoding;
    try {
      encoding = Charset.forName(o.string("encoding").orElse("UTF-8"));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw o.error("encoding", "unknown character set " + o.string("encoding").orElse(""));
    }
    Optional<Character> comment = o.string("comment").isPresent()
        ? Optional.of(character(o, "comment", '#')) : Optional.empty();
    return new CsvOptions(delimiter, quote, character(o, "escape", quote.orElse('"')),
        o.bool("header", true), o.string("null_string"), comment, encoding);
  }

  private static char character(Options o, String key, char defaultValue) {
    Optional<String> s = o.string(key);
    if (s.isEmpty()) {
      return defaultValue;
    }
    String text = s.get().equals("\\t") ? "\t" : s.get();
    // Records are split on bytes: an ASCII character is one byte in every encoding read that way.
    if (text.length() != 1 || text.charAt(0) > 0x7f) {
      throw o.error(key, "must be a single ASCII character");
    }
    return text.charAt(0);
  }

  private static List<SortKey> sortedBy(Options o) {
    return o.strings("sorted_by").stream().map(text -> {
      String[] parts = text.trim().split("\\s+");
      boolean descending = parts.length == 2 && parts[1].equalsIgnoreCase("desc");
      if (parts.length > 2 || parts.length == 2 && !descending && !parts[1].equalsIgnoreCase("asc")) {
        throw o.error("sorted_by", "expected 'column' or 'column desc' but got '" + text + "'");
      }
      return new SortKey(parts[0], descending);
    }).toList();
  }
}
