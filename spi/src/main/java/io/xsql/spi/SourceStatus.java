package io.xsql.spi;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * How a source stands, for the {@code xsql.sources} system table.
 *
 * @param state a word: {@code open} for sources that hold nothing between queries, {@code connected} or
 *     {@code idle} for those that hold connections
 * @param detail what it holds, such as a pool's connections in use
 * @param lastError the last problem it reported that did not fail a query (never a credential)
 */
public record SourceStatus(String state, Optional<String> detail, Optional<String> lastError) {
  /** Checks the fields. */
  public SourceStatus {
    requireNonNull(state, "state is null");
    requireNonNull(detail, "detail is null");
    requireNonNull(lastError, "lastError is null");
  }
}
