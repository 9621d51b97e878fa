package io.xsql.server;

import io.xsql.spi.Options;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the server lets one remote user do.
 *
 * @param name the user name (HTTP authentication's), or {@code anonymous} without authentication
 * @param sources the catalog sources the user's connections open; all when empty
 * @param limits the user's limits
 * @param allowWrites whether statements other than queries and EXPLAIN reach the engine for this user
 *     (xsql has none that write today; statements that register sources or touch files would be such)
 */
record ServerUser(String name, Optional<Set<String>> sources, ServerLimits limits, boolean allowWrites) {
  /** The keys a user's (or the defaults') mapping may hold. */
  static final Set<String> KEYS = Set.of("sources", "max_statements", "query_timeout", "max_rows", "allow_writes");

  ServerUser {
    Objects.requireNonNull(name, "name is null");
    sources = sources.map(Set::copyOf);
    Objects.requireNonNull(limits, "limits is null");
  }

  /** These settings under another name, with those {@code options} set. */
  ServerUser with(String user, Options options) {
    options.allowOnly(KEYS);
    List<String> listed = options.strings("sources");
    Optional<Set<String>> only = options.node("sources").isPresent()
        ? Optional.of(new TreeSet<>(listed)) : sources;
    return new ServerUser(user, only, limits.with(options), options.bool("allow_writes", allowWrites));
  }

  /** The same settings for another user. */
  ServerUser named(String user) {
    return new ServerUser(user, sources, limits, allowWrites);
  }
}
