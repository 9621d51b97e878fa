package io.xsql.spi;

import java.nio.file.Path;

/**
 * A place in a catalog file.
 *
 * @param file the catalog file
 * @param line 1-based line, 0 for the file as a whole
 * @param column 1-based column
 */
public record Location(Path file, int line, int column) {
  @Override
  public String toString() {
    return line <= 0 ? file.toString() : file + ":" + line + ":" + column;
  }
}
