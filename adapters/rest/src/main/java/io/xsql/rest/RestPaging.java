package io.xsql.rest;

import com.fasterxml.jackson.core.JsonPointer;
import io.xsql.spi.Options;
import java.util.Optional;
import java.util.Set;

/**
 * How a table's listing continues past its first page ({@code paging:}). Every kind ends on an empty page;
 * offsets and page numbers also on a page shorter than the page size, cursors and links when the response
 * names no next one.
 */
sealed interface RestPaging {
  /** One request returns everything. */
  record None() implements RestPaging {}

  /** {@code ?offset=200&limit=100}. */
  record Offset(String offsetParam, String limitParam, int pageSize) implements RestPaging {}

  /** {@code ?page=3&per_page=50}, pages counted from {@code firstPage}. */
  record Page(String pageParam, String sizeParam, int pageSize, int firstPage) implements RestPaging {}

  /**
   * {@code ?cursor=<token>}, the token of the next page found at a JSON pointer in the body or in a header.
   */
  record Cursor(String cursorParam, Optional<JsonPointer> next, Optional<String> nextHeader)
      implements RestPaging {}

  /** The RFC 8288 {@code Link: <url>; rel="next"} header. */
  record Link() implements RestPaging {}

  static RestPaging parse(Options table) {
    Optional<Options> paging = table.child("paging");
    if (paging.isEmpty()) {
      return new None();
    }
    Options o = paging.get();
    String type = o.requireString("type");
    switch (type) {
      case "none" -> {
        o.allowOnly(Set.of("type"));
        return new None();
      }
      case "offset" -> {
        o.allowOnly(Set.of("type", "offset_param", "limit_param", "page_size"));
        return new Offset(o.string("offset_param").orElse("offset"), o.string("limit_param").orElse("limit"),
            o.integer("page_size", 100, 1));
      }
      case "page" -> {
        o.allowOnly(Set.of("type", "page_param", "size_param", "page_size", "first_page"));
        return new Page(o.string("page_param").orElse("page"), o.string("size_param").orElse("per_page"),
            o.integer("page_size", 100, 1), o.integer("first_page", 1, 0));
      }
      case "cursor" -> {
        o.allowOnly(Set.of("type", "cursor_param", "next", "next_header"));
        Optional<JsonPointer> next = o.string("next").map(p -> RestTableConfig.pointer(o, "next", p));
        Optional<String> header = o.string("next_header");
        if (next.isPresent() == header.isPresent()) {
          throw o.error("type", "cursor paging needs one of next (a JSON pointer) or next_header");
        }
        return new Cursor(o.string("cursor_param").orElse("cursor"), next, header);
      }
      case "link" -> {
        o.allowOnly(Set.of("type"));
        return new Link();
      }
      default -> throw o.error("type", "unknown paging type '" + type + "'; expected none, offset, page, cursor"
          + " or link");
    }
  }
}
