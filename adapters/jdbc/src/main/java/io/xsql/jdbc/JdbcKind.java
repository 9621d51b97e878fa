package io.xsql.jdbc;

import java.util.Locale;
import java.util.Set;

/**
 * The families of database xsql knows by name. The family decides the dialect, how rows stream, and which
 * expressions the database evaluates exactly as xsql would (and so may be pushed down).
 */
enum JdbcKind {
  /** PostgreSQL: cursor reads (autocommit off plus a fetch size), standard string literals. */
  POSTGRES("org.postgresql.Driver", Set.of("pg_catalog", "information_schema", "pg_toast")),
  /** MySQL and MariaDB: streamed reads, backslash escapes turned off, case-insensitive text. */
  MYSQL("org.mariadb.jdbc.Driver", Set.of("information_schema", "mysql", "performance_schema", "sys")),
  /** Any other database with a JDBC driver: Calcite's dialect for it, only the plainest SQL pushed. */
  GENERIC("", Set.of("INFORMATION_SCHEMA", "information_schema", "SYS", "SYSIBM", "pg_catalog"));

  private final String bundledDriver;
  private final Set<String> systemSchemas;

  JdbcKind(String bundledDriver, Set<String> systemSchemas) {
    this.bundledDriver = bundledDriver;
    this.systemSchemas = systemSchemas;
  }

  /** The kind a catalog type names; {@code jdbc} looks at the URL. */
  static JdbcKind of(String type, String url) {
    return switch (type.toLowerCase(Locale.ROOT)) {
      case "postgres", "postgresql" -> POSTGRES;
      case "mysql", "mariadb" -> MYSQL;
      default -> url.startsWith("jdbc:postgresql:") ? POSTGRES
          : url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:") ? MYSQL : GENERIC;
    };
  }

  /** The driver class that ships in xsql's jar for this kind, if any. */
  String bundledDriver() {
    return bundledDriver;
  }

  /** Whether a schema is the database's own bookkeeping, left out unless the catalog asks for it. */
  boolean isSystemSchema(String schema) {
    return systemSchemas.contains(schema);
  }
}
