package io.xsql.server;

import io.xsql.spi.Options;
import java.time.Duration;
import java.util.Objects;

/**
 * What one remote user may use at once.
 *
 * @param maxStatements open statements at a time (prepared or not, result sets included); 0 for no limit
 * @param queryTimeout how long one execution may run; zero for no limit
 * @param maxRows rows a result returns at most, silently cut as {@code Statement.setMaxRows} does; 0 for
 *     no limit
 */
record ServerLimits(int maxStatements, Duration queryTimeout, long maxRows) {
  /** The limits of users the configuration says nothing about. */
  static final ServerLimits DEFAULT = new ServerLimits(32, Duration.ofMinutes(10), 0);

  ServerLimits {
    Objects.requireNonNull(queryTimeout, "queryTimeout is null");
  }

  /** These limits with those {@code options} set ({@code max_statements}, {@code query_timeout}, {@code max_rows}). */
  ServerLimits with(Options options) {
    int statements = options.integer("max_statements", maxStatements);
    if (statements < 0) {
      throw options.error("max_statements", "must be 0 (no limit) or more");
    }
    Duration timeout = options.duration("query_timeout", queryTimeout);
    int rows = options.integer("max_rows", (int) Math.min(Integer.MAX_VALUE, maxRows));
    if (rows < 0) {
      throw options.error("max_rows", "must be 0 (no limit) or more");
    }
    return new ServerLimits(statements, timeout, rows);
  }

  /** The row count to run a statement with: the client's, or this limit when the client asks for more. */
  long cap(long requested) {
    if (maxRows == 0) {
      return requested;
    }
    return requested <= 0 || requested > maxRows ? maxRows : requested;
  }

  /** The query timeout in whole seconds as JDBC takes it (at least 1 when there is one). */
  int timeoutSeconds() {
    if (queryTimeout.isZero()) {
      return 0;
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, queryTimeout.toSeconds()));
  }
}
