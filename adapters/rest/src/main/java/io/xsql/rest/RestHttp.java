package io.xsql.rest;

import io.xsql.spi.ErrorCode;
import io.xsql.spi.ScanContext;
import io.xsql.spi.SourceException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The requests of one REST source, answered from its cache where it has one ({@link RestCache}): GETs with
 * its headers and credentials, retried politely (429 and 503 after their {@code Retry-After}, other 5xx and
 * I/O errors after an exponential backoff with jitter, up to {@code max_attempts}), paced to {@code requests_per_second}, at most {@code max_concurrency} in flight,
 * counted against {@code max_requests_per_query}, and abandoned at once when the query is canceled.
 */
final class RestHttp {
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

  private final RestConfig config;
  private final HttpClient client;
  /** Requests in flight, at most {@code max_concurrency} across the source's queries. */
  private final Semaphore inFlight;
  private final Optional<RestOAuth> oauth;
  private final Optional<RestCache> cache;

  /**
   * The requests of each source as the catalog describes it, shared by every connection of the JVM that
   * opens it, so that its rate, concurrency and cache hold across them.
   */
  private static final Map<RestConfig, RestHttp> SHARED = new ConcurrentHashMap<>();
  /** When the next request may start, in {@link System#nanoTime()}; guarded by this. */
  private long nextStart = System.nanoTime();

  /** The requests of a source, shared with other connections' sources of the same settings. */
  static RestHttp of(RestConfig config) {
    return SHARED.computeIfAbsent(config, RestHttp::new);
  }

  private RestHttp(RestConfig config) {
    this.config = config;
    this.client = HttpClient.newBuilder().connectTimeout(config.timeout())
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    this.inFlight = new Semaphore(config.maxConcurrency());
    this.oauth = config.auth() instanceof RestAuth.OAuth2 o ? Optional.of(new RestOAuth(o, config.where()))
        : Optional.empty();
    this.cache = config.cache().map(RestCache::new);
  }

  /**
   * GETs a URL, retrying as configured. Returns any response the retries end with except 401/403 and
   * statuses that are neither success nor 404, which fail with the status and what was asked.
   */
  RestResponse get(URI uri, RestTally tally, ScanContext context) {
    Optional<RestCache.Entry> kept = cache.flatMap(c -> c.get(uri));
    if (kept.isPresent() && cache.get().fresh(kept.get())) {
      tally.cacheHit();
      return kept.get().response();
    }
    RestResponse response = fetch(uri, kept, tally, context);
    if (response.status() == 304 && kept.isPresent()) {
      tally.notModified();
      cache.get().revalidated(uri, kept.get());
      return kept.get().response();
    }
    if (response.status() == 200) {
      cache.ifPresent(c -> c.put(uri, response));
    }
    return response;
  }

  private RestResponse fetch(URI uri, Optional<RestCache.Entry> kept, RestTally tally, ScanContext context) {
    AtomicInteger sent = context.shared(this, AtomicInteger::new);
    URI shown = uri;
    URI target = config.auth().queryParameter().map(p -> RestUris.withQuery(uri, p.getKey(), p.getValue()))
        .orElse(uri);
    boolean refreshed = false;
    for (int attempt = 1; ; attempt++) {
      if (sent.incrementAndGet() > config.maxRequestsPerQuery()) {
        throw new SourceException(ErrorCode.LIMIT, config.where() + ": the query needs more than "
            + config.maxRequestsPerQuery() + " requests (budget.max_requests_per_query); narrow it with WHERE"
            + " on a parameter column or raise the budget");
      }
      if (attempt > 1) {
        tally.retried();
      }
      pace(tally, context);
      Optional<Duration> retryAfter;
      try {
        tally.requested();
        RestResponse response = send(target, shown, kept, context);
        int status = response.status();
        if (status == 401 && oauth.isPresent() && !refreshed) {
          // A token the API no longer takes: fetch a new one, once.
          refreshed = true;
          attempt--;
          continue;
        }
        if (status == 401 || status == 403) {
          throw new SourceException(ErrorCode.AUTH, config.where() + ": the API refused the credentials (" + status
              + ") for " + shown);
        }
        if (status < 500 && status != 429) {
          if (status >= 300 && status != 404 && !(status == 304 && kept.isPresent())) {
            throw new SourceException(ErrorCode.IO, config.where() + ": the API answered " + status + " to "
                + shown + body(response));
          }
          return response;
        }
        if (attempt >= config.maxAttempts()) {
          throw new SourceException(ErrorCode.IO, config.where() + ": the API answered " + status + " to "
              + shown + " " + attempt + " times" + body(response));
        }
        retryAfter = status == 429 || status == 503 ? retryAfter(response) : Optional.empty();
      } catch (IOException e) {
        if (attempt >= config.maxAttempts()) {
          throw failed(e, shown, attempt);
        }
        retryAfter = Optional.empty();
      }
      Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 20));
      Duration wait = retryAfter.orElse(Duration.ofMillis(ThreadLocalRandom.current().nextLong(
          backoff.toMillis() / 2, backoff.toMillis() + 1)));
      Duration capped = min(wait, config.maxWait());
      if (retryAfter.isPresent()) {
        tally.waited(capped.toNanos());
      }
      RestWaits.sleep(capped, context);
    }
  }

  private RestResponse send(URI target, URI shown, Optional<RestCache.Entry> kept, ScanContext context)
      throws IOException {
    acquire(context);
    try {
      return sendNow(target, shown, kept, context);
    } finally {
      inFlight.release();
    }
  }

  /** Waits for a free request slot, looking at the query's cancel flag while it waits. */
  private void acquire(ScanContext context) {
    try {
      while (!inFlight.tryAcquire(50, TimeUnit.MILLISECONDS)) {
        if (context.isCanceled()) {
          throw new SourceException(ErrorCode.CANCELED, config.where() + ": the query was canceled");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException(ErrorCode.CANCELED, config.where() + ": interrupted", e);
    }
  }

  private RestResponse sendNow(URI target, URI shown, Optional<RestCache.Entry> kept, ScanContext context)
      throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(config.timeout()).GET();
    config.headers().forEach(request::header);
    config.auth().apply(request);
    Optional<String> token = oauth.map(o -> o.token(client, config.timeout()));
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    kept.flatMap(RestCache.Entry::etag).ifPresent(tag -> request.header("If-None-Match", tag));
    kept.flatMap(RestCache.Entry::lastModified).ifPresent(at -> request.header("If-Modified-Since", at));
    CompletableFuture<HttpResponse<byte[]>> sending = client.sendAsync(request.build(),
        HttpResponse.BodyHandlers.ofByteArray());
    try (AutoCloseable cancel = context.onCancel(() -> sending.cancel(true))) {
      HttpResponse<byte[]> response = sending.join();
      if (response.statusCode() == 401) {
        token.ifPresent(t -> oauth.get().refused(t));
      }
      return new RestResponse(shown, response.statusCode(), response.headers(), response.body());
    } catch (CancellationException e) {
      throw new SourceException(ErrorCode.CANCELED, config.where() + ": the query was canceled while " + shown
          + " was asked", e);
    } catch (CompletionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new SourceException(ErrorCode.INTERNAL, config.where() + ": " + shown + ": " + e.getCause(), e);
    } catch (Exception e) {
      throw new SourceException(ErrorCode.INTERNAL, config.where() + ": " + shown + ": " + e, e);
    }
  }

  private SourceException failed(IOException e, URI shown, int attempts) {
    String tries = " (" + attempts + " attempt" + (attempts == 1 ? "" : "s") + ")";
    if (e instanceof HttpTimeoutException) {
      return new SourceException(ErrorCode.TIMEOUT, config.where() + ": no answer within " + config.timeout()
          .toMillis() + " ms from " + shown + tries, e);
    }
    if (e instanceof ConnectException) {
      return new SourceException(ErrorCode.CONNECT, config.where() + ": cannot connect for " + shown + tries, e);
    }
    return new SourceException(ErrorCode.CONNECTION_LOST, config.where() + ": " + shown + ": " + e + tries, e);
  }

  /** Waits for this source's next request slot, so that it sends at most {@code requests_per_second}. */
  private void pace(RestTally tally, ScanContext context) {
    if (config.requestsPerSecond() <= 0) {
      return;
    }
    long start;
    synchronized (this) {
      start = Math.max(nextStart, System.nanoTime());
      nextStart = start + (long) (TimeUnit.SECONDS.toNanos(1) / config.requestsPerSecond());
    }
    long wait = start - System.nanoTime();
    if (wait > 0) {
      tally.waited(wait);
      RestWaits.sleep(Duration.ofNanos(wait), context);
    }
  }

  /** {@code Retry-After} as seconds or an HTTP date. */
  private static Optional<Duration> retryAfter(RestResponse response) {
    Optional<String> header = response.headers().firstValue("Retry-After").map(String::trim);
    if (header.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(header.get()))));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(header.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException ignored) {
        return Optional.empty();
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String body(RestResponse response) {
    String text = new String(response.body(), StandardCharsets.UTF_8).strip();
    return text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
  }
}
