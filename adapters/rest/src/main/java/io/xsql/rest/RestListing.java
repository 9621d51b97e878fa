package io.xsql.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xsql.spi.DaemonThreads;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.SourceException;
import io.xsql.spi.TablePart;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pages of one listing (one request URL and its continuations), read one at a time. A listing ends on an
 * empty page, on a page shorter than the page size (offsets and page numbers), or when the response names no
 * next cursor or link; a 404 answer to a path with parameters is an empty listing. With offset or page paging
 * it may read a range of pages only ({@link RestParts}).
 */
final class RestListing {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?next\"?");
  /** Runs the requests for pages asked for ahead of reading. */
  private static final Executor PREFETCH = Executors.newCachedThreadPool(DaemonThreads.named("xsql-rest-prefetch"));

  private final RestTable table;
  private final URI first;
  private final boolean pathParams;
  /** The pages to read, counted from 0: all, or a range of them ({@link RestParts}). */
  private final TablePart range;
  private Optional<URI> next;
  /** The next page's response, already asked for; null when not. */
  private CompletableFuture<RestResponse> pending;
  private int pages;
  private long records;
  private long bytes;

  /**
   * @param first the first page's URL, parameters included, paging parameters not yet
   * @param pathParams whether the path holds parameter values, so that a 404 means "no such record"
   * @param range the pages to read: {@link TablePart#WHOLE}, or from page {@code start} (counted from 0) to
   *     before page {@code end}, for offset and page paging only
   */
  RestListing(RestTable table, URI first, boolean pathParams, TablePart range) {
    this.table = table;
    this.first = first;
    this.pathParams = pathParams;
    this.range = range;
    this.next = Optional.of(page(first, before(0)));
  }

  /**
   * Asks for the next page now, on another thread, unless it was asked for or the listing has ended: its
   * response then waits for {@link #nextPage} while the current page is read.
   */
  void prefetch(RestCalls calls) {
    if (pending == null && next.isPresent()) {
      URI uri = next.get();
      pending = CompletableFuture.supplyAsync(() -> calls.get(uri), PREFETCH);
    }
  }

  /** The next page's records, or empty when the listing has ended. */
  Optional<List<JsonNode>> nextPage(RestCalls calls) {
    if (next.isEmpty()) {
      return Optional.empty();
    }
    URI uri = next.get();
    RestResponse response = pending == null ? calls.get(uri) : await(pending);
    pending = null;
    pages++;
    bytes += response.body().length;
    if (response.status() == 404) {
      if (pathParams) {
        next = Optional.empty();
        calls.tally().paged(0);
        return Optional.of(List.of());
      }
      throw new SourceException(ErrorCode.IO, table.where() + ": the API answered 404 to " + uri);
    }
    JsonNode body;
    try {
      body = response.body().length == 0 ? JSON.nullNode() : JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new SourceException(ErrorCode.DATA, table.where() + ": page " + pages + " (" + uri
          + ") is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new SourceException(ErrorCode.DATA, table.where() + ": page " + pages + " (" + uri
          + ") cannot be read: " + e, e);
    }
    List<JsonNode> found = records(body, uri);
    records += found.size();
    calls.tally().paged(found.size());
    next = found.isEmpty() || pages >= range.end() - range.start() ? Optional.empty()
        : following(body, response, found.size());
    return Optional.of(found);
  }

  private List<JsonNode> records(JsonNode body, URI uri) {
    JsonNode at = body.at(table.config().records());
    if (at.isMissingNode()) {
      throw new SourceException(ErrorCode.DATA, table.where() + ": page " + pages + " (" + uri + ") has nothing"
          + " at records pointer '" + table.config().records() + "'");
    }
    if (at.isNull()) {
      return List.of();
    }
    if (at.isObject()) {
      return List.of(at);
    }
    if (!at.isArray()) {
      throw new SourceException(ErrorCode.DATA, table.where() + ": page " + pages + " (" + uri + ") holds "
          + RestSchema.kindName(at) + " at records pointer '" + table.config().records()
          + "', not an array or an object");
    }
    List<JsonNode> out = new ArrayList<>(at.size());
    at.forEach(out::add);
    return out;
  }

  private Optional<URI> following(JsonNode body, RestResponse response, int size) {
    RestPaging paging = table.config().paging();
    if (paging instanceof RestPaging.Offset o) {
      return size < o.pageSize() ? Optional.empty() : Optional.of(page(first, before(0) + records));
    }
    if (paging instanceof RestPaging.Page p) {
      return size < p.pageSize() ? Optional.empty() : Optional.of(page(first, before(pages)));
    }
    if (paging instanceof RestPaging.Cursor c) {
      Optional<String> token = c.next().map(pointer -> body.at(pointer)).filter(n -> n.isValueNode() && !n.isNull())
          .map(JsonNode::asText).or(() -> c.nextHeader().flatMap(h -> response.headers().firstValue(h)))
          .filter(t -> !t.isEmpty());
      return token.map(t -> RestUris.withQuery(first, c.cursorParam(), t));
    }
    if (paging instanceof RestPaging.Link) {
      for (String link : response.headers().allValues("Link")) {
        Matcher m = NEXT_LINK.matcher(link);
        if (m.find()) {
          return Optional.of(response.uri().resolve(m.group(1)));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The records (offset paging) or pages (page paging) before this listing's page {@code n}: the range's
   * earlier pages are full, else the listing would have ended before the range.
   */
  private long before(long n) {
    return table.config().paging() instanceof RestPaging.Offset o ? (range.start() + n) * o.pageSize()
        : range.start() + n;
  }

  /** The URL of a page: the first with its paging parameters ({@code n} records or pages read before it). */
  private URI page(URI base, long n) {
    RestPaging paging = table.config().paging();
    if (paging instanceof RestPaging.Offset o) {
      return RestUris.withQuery(RestUris.withQuery(base, o.offsetParam(), Long.toString(n)), o.limitParam(),
          Integer.toString(o.pageSize()));
    }
    if (paging instanceof RestPaging.Page p) {
      return RestUris.withQuery(RestUris.withQuery(base, p.pageParam(), Long.toString(p.firstPage() + n)),
          p.sizeParam(), Integer.toString(p.pageSize()));
    }
    return base;
  }

  private static RestResponse await(CompletableFuture<RestResponse> response) {
    try {
      return response.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** Drops a page asked for but not read (the query stopped early). */
  void close() {
    if (pending != null) {
      pending.cancel(true);
      pending = null;
    }
  }

  /** Pages read from this listing. */
  int pages() {
    return pages;
  }

  /** Bytes of the responses read. */
  long bytes() {
    return bytes;
  }
}
