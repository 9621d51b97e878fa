package io.xsql.server;

import java.util.Optional;

/** Builds {@code jdbc:xsql:} URLs for the command's {@code --catalog} option. */
final class ConnectionUrl {
  private static final String PREFIX = "jdbc:xsql:";

  private ConnectionUrl() {}

  /** The URL of a catalog file, or of the empty catalog. */
  static String of(Optional<String> catalog) {
    return catalog.map(ConnectionUrl::of).orElse(PREFIX);
  }

  /** The URL of a catalog file; the path is quoted when it holds what the URL syntax gives meaning to. */
  static String of(String catalog) {
    boolean plain = catalog.chars().noneMatch(c -> c == ';' || c == '\'' || c == '"' || c == '=')
        && catalog.strip().equals(catalog);
    return PREFIX + "catalog=" + (plain ? catalog : "'" + catalog.replace("'", "''") + "'");
  }
}
