package io.xsql.spi;

import java.util.Set;

/**
 * Opens sources of some catalog types. Implementations are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.xsql.spi.SourceFactory}).
 */
public interface SourceFactory {

  /** The catalog {@code type} values this factory opens ({@code csv}, {@code postgres}). */
  Set<String> types();

  /**
   * Opens a source. Invalid settings throw {@link CatalogException}; a source that is unreachable should
   * still open and fail later, when its tables are used, so that one broken source does not stop the rest.
   */
  Source open(SourceConfig config);
}
