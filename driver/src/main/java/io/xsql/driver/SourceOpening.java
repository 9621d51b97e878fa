package io.xsql.driver;

import io.xsql.spi.Catalog;
import io.xsql.spi.DaemonThreads;
import io.xsql.spi.Source;
import io.xsql.spi.SourceFactories;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a catalog's sources side by side. Opening one waits on its files (sampling their rows for
 * types) or its server (a pool's first connection, a listing of collections): a catalog of several
 * sources connects in the time of its slowest one instead of their sum.
 */
final class SourceOpening {
  private static final Logger LOG = LoggerFactory.getLogger(SourceOpening.class);
  /** Idle threads end after a minute: connections are opened now and then, not all the time. */
  private static final ExecutorService OPENERS = Executors.newCachedThreadPool(
      DaemonThreads.named("xsql-open-source"));

  private SourceOpening() {}

  /**
   * The sources of the entries, in their order. The first is opened on the calling thread.
   *
   * @throws RuntimeException the failure of the first entry (in catalog order) that failed, once every
   *     other has finished opening and has been closed again
   */
  static List<Source> open(List<Catalog.Entry> entries) {
    List<CompletableFuture<Source>> opening = new ArrayList<>();
    for (int i = 1; i < entries.size(); i++) {
      Catalog.Entry entry = entries.get(i);
      opening.add(CompletableFuture.supplyAsync(() -> SourceFactories.open(entry), OPENERS));
    }
    List<Source> opened = new ArrayList<>();
    Optional<RuntimeException> failure = Optional.empty();
    if (!entries.isEmpty()) {
      try {
        opened.add(SourceFactories.open(entries.get(0)));
      } catch (RuntimeException e) {
        failure = Optional.of(e);
      }
    }
    for (CompletableFuture<Source> f : opening) {
      try {
        opened.add(f.join());
      } catch (CompletionException e) {
        if (failure.isEmpty()) {
          failure = Optional.of(e.getCause() instanceof RuntimeException r ? r : e);
        }
      }
    }
    if (failure.isPresent()) {
      opened.forEach(SourceOpening::closeQuietly);
      throw failure.get();
    }
    return opened;
  }

  private static void closeQuietly(Source source) {
    try {
      source.close();
    } catch (RuntimeException e) {
      LOG.warn("Closing a source failed", e);
    }
  }
}
