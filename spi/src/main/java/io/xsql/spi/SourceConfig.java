package io.xsql.spi;

import static java.util.Objects.requireNonNull;

/**
 * A catalog entry handed to a {@link SourceFactory}.
 *
 * @param name the source's name in the catalog
 * @param type the {@code type} key
 * @param options all keys of the entry, including {@code type}
 */
public record SourceConfig(String name, String type, Options options) {
  public SourceConfig {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(options, "options is null");
  }
}
