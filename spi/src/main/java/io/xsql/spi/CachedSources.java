package io.xsql.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts a source's {@link LookupCache} between lookup joins and the lookups of its tables. A
 * {@link CalciteSchemaSource} (a database) makes its own lookups and takes the cache from its
 * {@link SourceConfig#lookupCache()}; the tables of other sources are wrapped here.
 */
final class CachedSources {
  private CachedSources() {}

  /** The source with its tables' lookups going through the cache. */
  static Source wrap(String name, Source source, LookupCache cache) {
    if (source instanceof TableSource t) {
      return new CachingTableSource(t, new CachingTable(name, t.table(), cache));
    }
    if (source instanceof SchemaSource s) {
      return new CachingSchemaSource(name, s, cache);
    }
    return source;
  }

  /** A one-table source whose table is wrapped. */
  private record CachingTableSource(TableSource source, DataTable table) implements TableSource {
    @Override
    public List<String> warnings() {
      return source.warnings();
    }

    @Override
    public SourceStatus status() {
      return source.status();
    }

    @Override
    public void close() {
      source.close();
    }
  }

  /** A schema source whose tables are wrapped as they are listed. */
  private record CachingSchemaSource(String name, SchemaSource source, LookupCache cache) implements SchemaSource {
    @Override
    public Map<String, DataTable> tables() {
      Map<String, DataTable> out = new LinkedHashMap<>();
      source.tables().forEach((table, t) -> out.put(table, new CachingTable(name + "." + table, t, cache)));
      return out;
    }

    @Override
    public void refresh() {
      source.refresh();
    }

    @Override
    public Optional<SchemaContract> inferredContract() {
      return source.inferredContract();
    }

    @Override
    public List<String> warnings() {
      return source.warnings();
    }

    @Override
    public SourceStatus status() {
      return source.status();
    }

    @Override
    public void close() {
      source.close();
    }
  }
}
