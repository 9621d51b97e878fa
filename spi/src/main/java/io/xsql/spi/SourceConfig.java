package io.xsql.spi;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A catalog entry handed to a {@link SourceFactory}.
 *
 * @param name the source's name in the catalog
 * @param type the {@code type} key
 * @param options all keys of the entry, including {@code type}; {@code lookup_cache} is read before
 * @param lookupCache the source's {@code lookup_cache}: a {@link CalciteSchemaSource} puts it before its own
 *     lookups; the tables of other sources get it from {@link SourceFactories#open}
 */
public record SourceConfig(String name, String type, Options options, Optional<LookupCache> lookupCache) {
  public SourceConfig {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(options, "options is null");
    requireNonNull(lookupCache, "lookupCache is null");
  }

  /** An entry without a lookup cache. */
  public SourceConfig(String name, String type, Options options) {
    this(name, type, options, Optional.empty());
  }
}
