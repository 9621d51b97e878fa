package io.xsql.rest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** URLs with parameters added, every name and value URL-encoded. */
final class RestUris {
  private RestUris() {}

  /** The URL with {@code name=value} added to its query. */
  static URI withQuery(URI uri, String name, String value) {
    String pair = encode(name) + "=" + encode(value);
    String text = uri.toString();
    int hash = text.indexOf('#');
    String base = hash < 0 ? text : text.substring(0, hash);
    return URI.create(base + (base.contains("?") ? "&" : "?") + pair);
  }

  /** A path segment or query component, URL-encoded (spaces as %20, not +). */
  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
