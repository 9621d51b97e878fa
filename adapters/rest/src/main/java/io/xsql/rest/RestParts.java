package io.xsql.rest;

import io.xsql.spi.TablePart;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listing with offset or page paging cut into ranges of pages, for an engine that reads the parts on
 * several machines. An API seldom says how many records it holds, so the listing is measured by asking for
 * single pages: the first gives the bytes of a page, hence the pages of a range; the first page after one
 * range tells whether there is more than one; then pages at doubling distances, and halving ones, find the
 * first page that is not full, in about twice the logarithm of the number of ranges in requests. The last range
 * has no end, so records added since are still read; listings of other paging kinds, and tables whose
 * requests need parameter values, are one part.
 */
final class RestParts {
  private static final Logger LOG = LoggerFactory.getLogger(RestParts.class);
  /** The name of a range of pages of the table's listing; its start and end count pages from 0. */
  static final String PAGES = "pages";

  private final RestTable table;
  private final RestCalls calls;

  RestParts(RestTable table) {
    this.table = table;
    this.calls = RestCalls.unscoped(table);
  }

  /** Ranges of about {@code bytesPerPart} bytes of responses, or the whole table when it is one range. */
  List<TablePart> parts(long bytesPerPart) {
    if (bytesPerPart <= 0) {
      throw new IllegalArgumentException("bytesPerPart must be positive: " + bytesPerPart);
    }
    if (pageSize() == 0 || table.config().params().values().stream().anyMatch(RestParam::required)) {
      return List.of(TablePart.WHOLE);
    }
    Probe first = page(0);
    if (!full(first)) {
      return List.of(TablePart.WHOLE);
    }
    long pagesPerPart = Math.max(1, bytesPerPart / Math.max(1, first.bytes()));
    if (!full(page(pagesPerPart))) {
      // At most one page past the first range: not worth a second split.
      return List.of(TablePart.WHOLE);
    }
    long full = pagesPerPart;
    long notFull = 2 * pagesPerPart;
    while (full(page(notFull))) {
      full = notFull;
      notFull *= 2;
    }
    while (notFull - full > 1) {
      long middle = full + (notFull - full) / 2;
      if (full(page(middle))) {
        full = middle;
      } else {
        notFull = middle;
      }
    }
    // Pages 0..notFull - 1 are full, page notFull is short or empty and the last.
    List<TablePart> out = new ArrayList<>();
    for (long start = 0; start <= notFull; start += pagesPerPart) {
      out.add(new TablePart(PAGES, start, start + pagesPerPart > notFull ? TablePart.TO_END : start + pagesPerPart));
    }
    LOG.debug("{}: {} pages of about {} bytes, {} parts", table.where(), notFull + 1, first.bytes(), out.size());
    return out;
  }

  /** The pages of a part that {@link #parts} gave. */
  TablePart pages(TablePart part) {
    if (!part.equals(TablePart.WHOLE) && (!part.name().equals(PAGES) || pageSize() == 0)) {
      throw new IllegalArgumentException(table.where() + " has no part " + part);
    }
    return part;
  }

  /** How many records a page held and the bytes of its response. */
  private record Probe(int records, long bytes) {}

  /** Reads the listing's page {@code n} (counted from 0). */
  private Probe page(long n) {
    RestListing listing = table.listing(new TablePart(PAGES, n, n + 1));
    int records = listing.nextPage(calls).map(List::size).orElse(0);
    return new Probe(records, listing.bytes());
  }

  private boolean full(Probe page) {
    return page.records() >= pageSize();
  }

  /** The records of a full page; 0 for paging that does not count pages. */
  private int pageSize() {
    RestPaging paging = table.config().paging();
    return paging instanceof RestPaging.Offset o ? o.pageSize() : paging instanceof RestPaging.Page p ? p.pageSize()
        : 0;
  }
}
