package io.xsql.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanContext;
import io.xsql.spi.SourceException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The rows of a scan's listings, one page at a time: no request goes out before the first {@link #next()},
 * and paging stops once the limit's rows are out. Without a limit the next page is asked for while the
 * current one is read, and the first pages of up to {@code max_concurrency} listings (a lookup's batches)
 * are in flight at once.
 */
final class RestCursor implements RowCursor {
  private final RestTable table;
  private final Iterator<RestListing> listings;
  /** Listings whose first page is asked for, in order; the head is being read. */
  private final Deque<RestListing> started = new ArrayDeque<>();
  private final RestRows rows;
  private final long limit;
  private final ScanContext context;
  private final RestCalls calls;
  private RestListing listing;
  private List<JsonNode> page = List.of();
  private int index;
  private long returned;
  private Object[] current;
  private String position = "";

  RestCursor(RestTable table, List<RestListing> listings, RestRows rows, OptionalLong limit, ScanContext context) {
    this.table = table;
    this.listings = listings.iterator();
    this.rows = rows;
    this.limit = limit.orElse(Long.MAX_VALUE);
    this.context = context;
    this.calls = RestCalls.of(table, context);
  }

  @Override
  public boolean next() {
    while (returned < limit) {
      if (context.isCanceled()) {
        throw new SourceException(ErrorCode.CANCELED, table.where() + ": the query was canceled");
      }
      if (index < page.size()) {
        position = "page " + listing.pages() + ", record " + (index + 1);
        Optional<Object[]> row = rows.decode(page.get(index++), position);
        if (row.isPresent()) {
          current = row.get();
          returned++;
          return true;
        }
        continue;
      }
      Optional<List<JsonNode>> next = listing == null ? Optional.empty()
          : listing.nextPage(calls);
      if (next.isPresent()) {
        page = next.get();
        index = 0;
        if (limit == Long.MAX_VALUE) {
          listing.prefetch(calls);
        }
      } else {
        if (listing != null) {
          started.removeFirst();
        }
        fill();
        if (started.isEmpty()) {
          listing = null;
          rows.report(context);
          return false;
        }
        listing = started.peekFirst();
      }
    }
    return false;
  }

  /** Starts listings until {@code max_concurrency} are under way (one at a time under a limit). */
  private void fill() {
    int window = limit == Long.MAX_VALUE ? 2 * table.source().config().maxConcurrency() : 1;
    while (started.size() < window && listings.hasNext()) {
      RestListing l = listings.next();
      // Asked for at once, the head too, so that the window's first pages arrive together.
      l.prefetch(calls);
      started.addLast(l);
    }
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public String position() {
    return table.where() + (position.isEmpty() ? "" : ", " + position);
  }

  /** Drops pages asked for ahead; connections go back to the client's pool after each request. */
  @Override
  public void close() {
    rows.report(context);
    started.forEach(RestListing::close);
    started.clear();
  }
}
