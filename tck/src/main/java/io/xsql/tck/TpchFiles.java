package io.xsql.tck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder of TPC-H tables as files: CSV and JSON Lines, one file per table, named after it, with a marker
 * file written last.
 */
final class TpchFiles implements TpchTarget {
  private static final String MARKER_FILE = "tpch-fixture.txt";

  private final Path directory;
  private final List<TpchTableDef> csv;
  private final List<TpchTableDef> jsonl;

  TpchFiles(Path directory, List<TpchTableDef> csv, List<TpchTableDef> jsonl) {
    this.directory = directory;
    this.csv = List.copyOf(csv);
    this.jsonl = List.copyOf(jsonl);
  }

  @Override
  public String describe() {
    return "files in " + directory;
  }

  @Override
  public List<TpchTableDef> tables() {
    return Stream.concat(csv.stream(), jsonl.stream()).toList();
  }

  private Path file(TpchTableDef table) {
    return directory.resolve(table.tableName() + (csv.contains(table) ? ".csv" : ".jsonl"));
  }

  @Override
  public boolean holds(String marker) throws IOException {
    Path m = directory.resolve(MARKER_FILE);
    return Files.isRegularFile(m) && Files.readString(m).equals(marker)
        && tables().stream().allMatch(t -> Files.isRegularFile(file(t)));
  }

  @Override
  public void prepare() throws IOException {
    Files.createDirectories(directory);
    drop();
  }

  @Override
  public TpchSink sink(TpchTableDef table) throws IOException {
    return csv.contains(table) ? new TpchCsvSink(file(table), table) : new TpchJsonlSink(file(table), table);
  }

  @Override
  public void finish(String marker) throws IOException {
    Files.writeString(directory.resolve(MARKER_FILE), marker, StandardCharsets.UTF_8);
  }

  @Override
  public void drop() throws IOException {
    Files.deleteIfExists(directory.resolve(MARKER_FILE));
    for (TpchTableDef t : tables()) {
      Files.deleteIfExists(file(t));
    }
  }

  /** The catalog entries of the file sources, one YAML line each, paths relative to the folder. */
  List<String> catalogEntries() {
    return tables().stream().map(t -> "  " + t.tableName() + ": { type: " + (csv.contains(t) ? "csv" : "jsonl")
        + ", path: " + file(t).getFileName() + ", columns: " + t.catalogColumns() + " }").toList();
  }
}
