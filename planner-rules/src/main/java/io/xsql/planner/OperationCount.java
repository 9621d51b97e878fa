package io.xsql.planner;

import io.xsql.spi.SourceOperation;
import java.util.Optional;

/**
 * What a query asked of a source in one way, as its counters stood: a row of {@code xsql.queries}.
 *
 * @param operation what was asked
 * @param calls cursors opened, batches of keys, statements or requests
 * @param rows rows the source sent
 * @param details what else the source reported (an API's cache hits and retries)
 */
public record OperationCount(SourceOperation operation, long calls, long rows, Optional<String> details) {}
