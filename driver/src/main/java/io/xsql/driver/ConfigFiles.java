package io.xsql.driver;

import io.xsql.spi.CatalogReader;
import io.xsql.spi.ConfigNode;
import java.nio.file.Path;

/**
 * Reads xsql's other configuration files (the server's) by the catalog's rules: YAML or JSON, every node
 * remembering its line, {@code ${env:NAME}} and {@code ${file:PATH}} substituted and never echoed.
 */
public final class ConfigFiles {
  private ConfigFiles() {}

  /**
   * Reads a file whose top level is a mapping.
   *
   * @param file the file
   * @param kind what the file is, for messages ("server configuration")
   * @param firstKey the key such a file usually starts with, for the message about an empty file
   * @throws io.xsql.spi.CatalogException naming the file and line when it cannot be read or parsed
   */
  public static ConfigNode.Mapping read(Path file, String kind, String firstKey) {
    return new CatalogReader(file.toAbsolutePath().normalize(), System::getenv, kind, firstKey).read();
  }
}
