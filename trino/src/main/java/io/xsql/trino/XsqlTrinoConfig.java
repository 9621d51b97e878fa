package io.xsql.trino;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The properties of a Trino catalog file using the {@code xsql} connector, besides {@code connector.name}.
 *
 * @param catalog the xsql catalog ({@code sources.yaml}), {@value #CATALOG}
 * @param splitBytes about how many bytes of a file one split reads, {@value #SPLIT_BYTES}: smaller splits
 *     spread a large JSON Lines file over more workers
 */
public record XsqlTrinoConfig(Path catalog, long splitBytes) {
  /** The key naming the xsql catalog file. */
  public static final String CATALOG = "xsql.catalog";
  /** The key setting the bytes per split. */
  public static final String SPLIT_BYTES = "xsql.split-bytes";
  /** Large enough that a split outweighs its scheduling, small enough to spread a file over workers. */
  public static final long DEFAULT_SPLIT_BYTES = 64L << 20;

  public XsqlTrinoConfig {
    requireNonNull(catalog, "catalog is null");
    if (splitBytes <= 0) {
      throw new IllegalArgumentException(SPLIT_BYTES + " must be positive but is " + splitBytes);
    }
  }

  /** Reads the properties; a missing catalog, an unknown key or a bad number fails naming the key. */
  public static XsqlTrinoConfig parse(Map<String, String> properties) {
    Set<String> unknown = new TreeSet<>(properties.keySet());
    unknown.removeAll(Set.of(CATALOG, SPLIT_BYTES));
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown properties of the xsql connector: " + unknown
          + "; known are " + CATALOG + " and " + SPLIT_BYTES);
    }
    String catalog = properties.get(CATALOG);
    if (catalog == null || catalog.isBlank()) {
      throw new IllegalArgumentException(CATALOG + " is required: the path of the xsql catalog (sources.yaml)");
    }
    long splitBytes = DEFAULT_SPLIT_BYTES;
    String bytes = properties.get(SPLIT_BYTES);
    if (bytes != null) {
      try {
        splitBytes = Long.parseLong(bytes.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(SPLIT_BYTES + " must be a number of bytes but is '" + bytes + "'", e);
      }
    }
    return new XsqlTrinoConfig(Path.of(catalog.trim()), splitBytes);
  }
}
