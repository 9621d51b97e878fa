package io.xsql.rest;

import io.xsql.spi.ErrorCode;
import io.xsql.spi.ScanContext;
import io.xsql.spi.SourceException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Waits (for a retry, for a rate limit) that a cancel of the query ends at once. */
final class RestWaits {
  private RestWaits() {}

  static void sleep(Duration wait, ScanContext context) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    CompletableFuture.delayedExecutor(wait.toNanos(), TimeUnit.NANOSECONDS).execute(() -> done.complete(null));
    try (AutoCloseable cancel = context.onCancel(() -> done.complete(null))) {
      done.join();
    } catch (Exception e) {
      throw new SourceException(ErrorCode.INTERNAL, "while waiting to retry: " + e, e);
    }
    if (context.isCanceled()) {
      throw new SourceException(ErrorCode.CANCELED, "the query was canceled");
    }
  }
}
