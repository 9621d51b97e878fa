package io.xsql.file;

import io.xsql.spi.CatalogException;
import io.xsql.spi.Column;
import io.xsql.spi.DataTable;
import io.xsql.spi.Source;
import io.xsql.spi.SourceConfig;
import io.xsql.spi.SourceFactory;
import io.xsql.spi.SortOrder;
import io.xsql.spi.SourceException;
import io.xsql.spi.TypeKind;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Opens file sources ({@code csv}, {@code tsv}, {@code jsonl}, {@code json}, ...): one table per source. */
public final class FileSourceFactory implements SourceFactory {

  @Override
  public Set<String> types() {
    return Arrays.stream(FileFormat.values()).map(f -> f.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * Opens a file source. Settings are checked now; if the data cannot be sampled for its columns, the
   * source still opens and its table fails when a query uses it, so the other sources stay usable.
   */
  @Override
  public Source open(SourceConfig config) {
    FileConfig file = FileConfig.parse(config);
    DataTable table;
    List<String> notes = List.of();
    try {
      FileSchema schema = FileSchemaMemo.of(file);
      if (!schema.unknownPinned().isEmpty()) {
        throw config.options().error("columns", "columns " + schema.unknownPinned()
            + " are not in the header of " + file.location());
      }
      checkEventTime(config, file, schema.columns());
      table = new FileTable(file, schema, sortOrder(config, file, schema.columns()));
      notes = schema.notes();
    } catch (CatalogException e) {
      throw e;
    } catch (SourceException e) {
      table = new UnreadableTable(e);
    } catch (UncheckedIOException e) {
      table = new UnreadableTable(FileInputs.unreadable(file.location(), e.getCause()));
    }
    return new FileSource(table, notes);
  }

  private static void checkEventTime(SourceConfig config, FileConfig file, List<Column> columns) {
    file.eventTime().column().ifPresent(name -> {
      if (columns.stream().noneMatch(c -> c.name().equals(name) && c.type().kind() == TypeKind.TIMESTAMP)) {
        throw config.options().error("event_time", "must name a TIMESTAMP column of " + file.location()
            + ", but '" + name + "' is none (pin it: columns: { " + name + ": TIMESTAMP })");
      }
    });
  }

  private static Optional<SortOrder> sortOrder(SourceConfig config, FileConfig file, List<Column> columns) {
    if (file.sortedBy().isEmpty()) {
      return Optional.empty();
    }
    List<SortOrder.Key> keys = new ArrayList<>();
    for (FileConfig.SortKey key : file.sortedBy()) {
      int index = -1;
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).name().equals(key.column())) {
          index = i;
        }
      }
      if (index < 0) {
        throw config.options().error("sorted_by", "no column '" + key.column() + "' in " + file.location()
            + "; columns are " + columns.stream().map(Column::name).toList());
      }
      keys.add(new SortOrder.Key(index, key.descending()));
    }
    return Optional.of(new SortOrder(keys));
  }
}
