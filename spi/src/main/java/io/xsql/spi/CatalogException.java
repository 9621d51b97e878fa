package io.xsql.spi;

import java.util.Optional;

/** An invalid catalog: it names the catalog file and line, and the source and key when there are. */
public class CatalogException extends SourceException {
  private static final long serialVersionUID = 1L;

  private final transient Location location;

  public CatalogException(Location location, String message) {
    super(ErrorCode.CATALOG, location + ": " + message);
    this.location = location;
  }

  public CatalogException(Location location, String message, Throwable cause) {
    super(ErrorCode.CATALOG, location + ": " + message, cause);
    this.location = location;
  }

  /** Where in the catalog the problem is; empty only after serialization. */
  public Optional<Location> location() {
    return Optional.ofNullable(location);
  }
}
