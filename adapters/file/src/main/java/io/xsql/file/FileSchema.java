package io.xsql.file;

import io.xsql.spi.Column;
import io.xsql.spi.ColumnType;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.SourceException;
import io.xsql.spi.TypeKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A source's columns, inferred from its first records, with types pinned in the catalog taking precedence.
 *
 * @param columns the columns in file order (pinned columns the sample never saw, then {@code _file}, last)
 * @param paths each column's key path in the records (one name for CSV)
 * @param estimatedRows the files' size divided by the sampled bytes per record
 * @param distinct each column's estimated distinct values, from how the sampled ones repeat
 * @param pinned the columns whose type the catalog pinned (others were inferred, and read strictly)
 * @param unknownPinned pinned columns a CSV header does not have (a catalog mistake)
 * @param notes what the user should know about the inferred types (widened kinds)
 * @param fileSlot the index of the {@code _file} column, if the source has one
 */
record FileSchema(List<Column> columns, List<List<String>> paths, OptionalLong estimatedRows,
    List<OptionalLong> distinct, BitSet pinned,
    List<String> unknownPinned, List<String> notes, OptionalInt fileSlot) {

  /** Samples the files in order until enough records are seen. Malformed records are left to the scan. */
  static FileSchema infer(FileConfig config) {
    Sample sample = new Sample();
    for (Path file : config.files().files()) {
      if (sample.records >= config.sampleSize()) {
        break;
      }
      try {
        config.format().reader().sample(config, file, sample);
      } catch (MalformedRecordException e) {
        throw new SourceException(e.code(), file + ": " + e.getMessage());
      } catch (IOException e) {
        throw FileInputs.unreadable(file, e);
      } catch (UncheckedIOException e) {
        throw FileInputs.unreadable(file, e.getCause());
      }
    }
    List<Column> columns = new ArrayList<>();
    List<List<String>> paths = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<OptionalLong> distinct = new ArrayList<>();
    OptionalLong rows = estimate(config, sample);
    BitSet pinnedColumns = new BitSet();
    Map<String, ColumnType> pinned = new LinkedHashMap<>(config.pinned());
    for (Sample.SampledColumn c : sample.columns(rows)) {
      ColumnType type = pinned.remove(c.name());
      if (type != null) {
        pinnedColumns.set(columns.size());
      } else if (!c.note().isEmpty()) {
        notes.add("column '" + c.name() + "' " + c.note());
      }
      columns.add(new Column(c.name(), type != null ? type : c.type(), true));
      paths.add(c.path());
      distinct.add(c.distinct());
    }
    List<String> unknownPinned = List.of();
    if (config.format().reader() instanceof CsvFormat && config.csv().header() && !columns.isEmpty()) {
      unknownPinned = List.copyOf(pinned.keySet());
    } else {
      pinned.forEach((name, type) -> {
        pinnedColumns.set(columns.size());
        columns.add(new Column(name, type, true));
        paths.add(List.of(name.split("\\.", -1)));
        distinct.add(OptionalLong.empty());
      });
    }
    if (columns.isEmpty()) {
      throw new SourceException(ErrorCode.DATA, config.location() + " has no records to infer columns from"
          + " (empty, or no record could be read); pin them with 'columns' in the catalog");
    }
    OptionalInt fileSlot = OptionalInt.empty();
    if (config.fileColumn()) {
      if (columns.stream().anyMatch(c -> c.name().equalsIgnoreCase(FileConfig.FILE_COLUMN))) {
        throw new SourceException(ErrorCode.DATA, config.location() + " already has a column named "
            + FileConfig.FILE_COLUMN + "; leave out file_column");
      }
      fileSlot = OptionalInt.of(columns.size());
      columns.add(new Column(FileConfig.FILE_COLUMN, ColumnType.of(TypeKind.VARCHAR), false));
      paths.add(List.of(FileConfig.FILE_COLUMN));
      distinct.add(OptionalLong.of(config.files().files().size()));
    }
    return new FileSchema(List.copyOf(columns), List.copyOf(paths), rows, List.copyOf(distinct), pinnedColumns,
        unknownPinned, List.copyOf(notes), fileSlot);
  }

  /**
   * Rows in all files, from the sampled bytes per record. Compressed files are counted by their compressed
   * size, which makes the estimate low by the compression ratio; it orders join inputs, nothing more.
   */
  private static OptionalLong estimate(FileConfig config, Sample sample) {
    if (sample.records == 0) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Math.max(1, config.files().size() * sample.records / Math.max(1, sample.bytes)));
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }
}
