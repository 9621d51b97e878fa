package io.xsql.jdbc;

import io.xsql.spi.Options;
import io.xsql.spi.SourceConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A database source's settings from the catalog.
 *
 * @param source the source's name
 * @param kind the database family
 * @param url the JDBC URL as written (it may hold a password; show {@link #safeUrl()} instead)
 * @param user the user, if given
 * @param password the password, if given (never shown)
 * @param driver the driver class, if given
 * @param schemas the database schemas to expose; empty for all but the system ones
 * @param defaultSchema the schema whose tables are also reachable as {@code source.table}
 * @param fetchSize rows per round trip while streaming
 * @param pool the pool's settings
 */
record JdbcConfig(String source, JdbcKind kind, String url, Optional<String> user, Optional<String> password,
    Optional<String> driver, List<String> schemas, Optional<String> defaultSchema, int fetchSize,
    PoolSettings pool) {

  private static final Set<String> KEYS = Set.of("type", "url", "user", "password", "driver", "schemas",
      "schema", "fetch_size", "pool");
  private static final Set<String> POOL_KEYS = Set.of("max_size", "min_idle", "connection_timeout",
      "idle_timeout", "max_lifetime", "properties");
  /** Passwords in URLs: {@code user:secret@host} and {@code password=secret} parameters. */
  private static final Pattern URL_USER_INFO = Pattern.compile("(//[^/@:]*):[^/@]*@");
  private static final Pattern URL_PASSWORD =
      Pattern.compile("(?i)([?&;]\\s*password\\s*=)[^&;]*");

  /**
   * Pool settings.
   *
   * @param maxSize most connections open at once
   * @param minIdle idle connections kept open; 0 lets an unused source hold none
   * @param connectionTimeout how long a query waits for a connection before failing with 08001
   * @param idleTimeout how long an idle connection stays open
   * @param maxLifetime how long a connection lives at most
   * @param properties driver properties, passed as given
   */
  record PoolSettings(int maxSize, int minIdle, Duration connectionTimeout, Duration idleTimeout,
      Duration maxLifetime, Map<String, String> properties) {}

  /** Reads and checks the settings; a wrong key or value throws a CatalogException naming it. */
  static JdbcConfig read(SourceConfig config) {
    Options o = config.options();
    o.allowOnly(KEYS);
    String url = o.requireString("url");
    if (!url.startsWith("jdbc:")) {
      throw o.error("url", "expected a JDBC URL starting with 'jdbc:'");
    }
    int fetchSize = o.integer("fetch_size", 1000);
    if (fetchSize < 1) {
      throw o.error("fetch_size", "must be at least 1");
    }
    return new JdbcConfig(config.name(), JdbcKind.of(config.type(), url), url, o.string("user"),
        o.string("password"), o.string("driver"), o.strings("schemas"), o.string("schema"), fetchSize,
        poolSettings(o.child("pool")));
  }

  private static PoolSettings poolSettings(Optional<Options> pool) {
    pool.ifPresent(p -> p.allowOnly(POOL_KEYS));
    int maxSize = pool.map(p -> p.integer("max_size", 8)).orElse(8);
    int minIdle = pool.map(p -> p.integer("min_idle", 0)).orElse(0);
    if (maxSize < 1) {
      throw pool.orElseThrow().error("max_size", "must be at least 1");
    }
    if (minIdle < 0 || minIdle > maxSize) {
      throw pool.orElseThrow().error("min_idle", "must be between 0 and max_size (" + maxSize + ")");
    }
    Map<String, String> properties = new LinkedHashMap<>();
    pool.ifPresent(p -> p.stringMap("properties").forEach((k, v) -> properties.put(k, v.text())));
    return new PoolSettings(maxSize, minIdle,
        duration(pool, "connection_timeout", Duration.ofSeconds(5)),
        duration(pool, "idle_timeout", Duration.ofMinutes(2)),
        duration(pool, "max_lifetime", Duration.ofMinutes(30)), Map.copyOf(properties));
  }

  private static Duration duration(Optional<Options> pool, String key, Duration defaultValue) {
    return pool.map(p -> p.duration(key, defaultValue)).orElse(defaultValue);
  }

  /** The URL with any password in it blanked, for messages and logs. */
  String safeUrl() {
    String out = URL_USER_INFO.matcher(url).replaceAll("$1:***@");
    return URL_PASSWORD.matcher(out).replaceAll("$1***");
  }

  /** How messages name the source: {@code source 'crm' (jdbc:postgresql://host/db)}. */
  String describe() {
    return "source '" + source + "' (" + safeUrl() + ")";
  }

  /** Drops the secret from the record's text, since records print every component. */
  @Override
  public String toString() {
    return describe();
  }
}
