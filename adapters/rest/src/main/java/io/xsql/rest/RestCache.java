package io.xsql.rest;

import java.net.URI;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Responses kept for {@code ttl}, within {@code max_bytes} (least recently used first out): a request made
 * again within the TTL is answered from memory; after it, it is revalidated with {@code If-None-Match} /
 * {@code If-Modified-Since} when the response had an {@code ETag} or {@code Last-Modified}, and a 304 keeps
 * the body.
 */
final class RestCache {
  /**
   * What {@code cache:} says.
   *
   * @param ttl how long a response is answered from memory
   * @param maxBytes the most bytes of bodies kept
   */
  record Settings(Duration ttl, long maxBytes) {}

  /**
   * A kept response.
   *
   * @param response the response as the API gave it
   * @param storedAt {@link System#nanoTime()} when it was stored or last revalidated
   */
  record Entry(RestResponse response, long storedAt) {
    Optional<String> etag() {
      return response.headers().firstValue("ETag");
    }

    Optional<String> lastModified() {
      return response.headers().firstValue("Last-Modified");
    }
  }

  private final Duration ttl;
  private final long maxBytes;
  private final LinkedHashMap<URI, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;

  RestCache(Settings settings) {
    this.ttl = settings.ttl();
    this.maxBytes = settings.maxBytes();
  }

  /** The kept response of a URL, fresh or not. */
  synchronized Optional<Entry> get(URI uri) {
    return Optional.ofNullable(entries.get(uri));
  }

  /** Whether an entry is still within its TTL. */
  boolean fresh(Entry entry) {
    return System.nanoTime() - entry.storedAt() < ttl.toNanos();
  }

  /** Keeps a successful response (one larger than the whole cache is not kept). */
  synchronized void put(URI uri, RestResponse response) {
    Entry old = entries.remove(uri);
    if (old != null) {
      bytes -= old.response().body().length;
    }
    if (response.body().length > maxBytes) {
      return;
    }
    entries.put(uri, new Entry(response, System.nanoTime()));
    bytes += response.body().length;
    for (Iterator<Map.Entry<URI, Entry>> it = entries.entrySet().iterator(); bytes > maxBytes && it.hasNext(); ) {
      bytes -= it.next().getValue().response().body().length;
      it.remove();
    }
  }

  /** Marks a kept response as confirmed by a 304 just now. */
  synchronized void revalidated(URI uri, Entry entry) {
    entries.put(uri, new Entry(entry.response(), System.nanoTime()));
  }
}
