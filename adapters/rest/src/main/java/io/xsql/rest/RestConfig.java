package io.xsql.rest;

import static java.util.Objects.requireNonNull;

import io.xsql.spi.OnDrift;
import io.xsql.spi.Options;
import io.xsql.spi.SchemaContract;
import io.xsql.spi.SourceConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A REST source's settings, read and checked in one place.
 *
 * @param source the source name
 * @param url the base URL the tables' paths are appended to
 * @param headers headers every request sends
 * @param auth how requests authenticate
 * @param timeout how long one request may take
 * @param maxAttempts how often a request is tried when the server is busy or fails
 * @param maxWait the longest wait before a retry, whatever {@code Retry-After} says
 * @param requestsPerSecond the most requests per second to the API, 0 for no limit
 * @param maxConcurrency the most requests in flight at once
 * @param maxRequestsPerQuery the most requests one query may send
 * @param sampleSize how many records of each table the columns are inferred from
 * @param flattenDepth how many levels of nested objects become {@code parent.child} columns
 * @param cache how responses are kept, if {@code cache:} is set
 * @param contract the columns promised by the {@code schema:} file, if any: its tables are not sampled
 * @param onDrift what to do with a value of a kind the contract does not list
 * @param tables the tables by name
 */
record RestConfig(String source, URI url, Map<String, String> headers, RestAuth auth, Duration timeout,
    int maxAttempts, Duration maxWait, double requestsPerSecond, int maxConcurrency, int maxRequestsPerQuery,
    int sampleSize, int flattenDepth, Optional<RestCache.Settings> cache, Optional<SchemaContract> contract,
    OnDrift onDrift, Map<String, RestTableConfig> tables) {

  private static final Set<String> KEYS = Set.of("type", "url", "headers", "auth", "timeout", "retry", "budget",
      "sample_size", "flatten_depth", "cache", "schema", "on_drift", "tables");
  private static final int DEFAULT_CACHE_MB = 64;

  RestConfig {
    requireNonNull(source, "source is null");
    requireNonNull(url, "url is null");
    headers = Map.copyOf(headers);
    requireNonNull(auth, "auth is null");
    requireNonNull(cache, "cache is null");
    requireNonNull(contract, "contract is null");
    requireNonNull(onDrift, "onDrift is null");
    tables = Map.copyOf(tables);
  }

  static RestConfig parse(SourceConfig config) {
    Options o = config.options();
    o.allowOnly(KEYS);
    String text = o.requireString("url");
    URI url;
    try {
      url = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    } catch (URISyntaxException e) {
      throw o.error("url", "is not a URL: " + e.getReason());
    }
    if (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
      throw o.error("url", "must be an http:// or https:// URL with a host");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    o.stringMap("headers").forEach((name, value) -> headers.put(name, value.text()));
    Options retry = o.child("retry").orElse(null);
    Options budget = o.child("budget").orElse(null);
    if (retry != null) {
      retry.allowOnly(Set.of("max_attempts", "max_wait"));
    }
    if (budget != null) {
      budget.allowOnly(Set.of("requests_per_second", "max_concurrency", "max_requests_per_query"));
    }
    Map<String, RestTableConfig> tables = new LinkedHashMap<>();
    Options all = o.child("tables").orElseThrow(() -> o.error("tables", "is required: the API's tables"));
    for (String name : all.keys()) {
      tables.put(name, RestTableConfig.parse(name, all.child(name).orElseThrow(
          () -> all.error(name, "expected a mapping with path:"))));
    }
    return new RestConfig(config.name(), url, headers, RestAuth.parse(o), o.duration("timeout",
        Duration.ofSeconds(10)), retry == null ? 4 : retry.integer("max_attempts", 4, 1),
        retry == null ? Duration.ofSeconds(30) : retry.duration("max_wait", Duration.ofSeconds(30)),
        budget == null ? 0 : budget.integer("requests_per_second", 0, 0),
        budget == null ? 4 : budget.integer("max_concurrency", 4, 1),
        budget == null ? 10_000 : budget.integer("max_requests_per_query", 10_000, 1),
        o.integer("sample_size", 100, 1), o.integer("flatten_depth", 3, 0), o.child("cache").map(c -> {
          c.allowOnly(Set.of("ttl", "max_mb"));
          return new RestCache.Settings(c.duration("ttl", Duration.ofSeconds(60)),
              c.integer("max_mb", DEFAULT_CACHE_MB, 1) * 1024L * 1024L);
        }), o.file("schema").map(SchemaContract::read), o.choice("on_drift", OnDrift.class, OnDrift.WARN), tables);
  }

  /** The source, for messages: its name and base URL (never credentials, which are not in it). */
  String where() {
    return "source '" + source + "' (" + url + ")";
  }
}
