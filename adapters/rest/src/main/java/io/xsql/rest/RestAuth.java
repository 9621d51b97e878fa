package io.xsql.rest;

import io.xsql.spi.Options;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How requests authenticate ({@code auth:}): a bearer token, basic credentials, an API key in a header or a
 * query parameter, or OAuth2 client credentials. Secrets stay inside: {@link #toString} never shows them.
 */
sealed interface RestAuth {
  /** No authentication. */
  RestAuth NONE = new None();

  /** Adds the credentials to a request. */
  void apply(HttpRequest.Builder request);

  /** A query parameter carrying the credentials, if they travel in the URL. */
  default Optional<Map.Entry<String, String>> queryParameter() {
    return Optional.empty();
  }

  /** No credentials. */
  record None() implements RestAuth {
    @Override
    public void apply(HttpRequest.Builder request) {
      // Nothing to add.
    }
  }

  /** {@code Authorization: Bearer <token>}. */
  record Bearer(String token) implements RestAuth {
    @Override
    public void apply(HttpRequest.Builder request) {
      request.header("Authorization", "Bearer " + token);
    }

    @Override
    public String toString() {
      return "Bearer[token=***]";
    }
  }

  /** {@code Authorization: Basic <user:password>}. */
  record Basic(String user, String password) implements RestAuth {
    @Override
    public void apply(HttpRequest.Builder request) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
      return "Basic[user=" + user + ", password=***]";
    }
  }

  /** An API key in a header, or in a query parameter when {@code inQuery}. */
  record ApiKey(String name, String value, boolean inQuery) implements RestAuth {
    @Override
    public void apply(HttpRequest.Builder request) {
      if (!inQuery) {
        request.header(name, value);
      }
    }

    @Override
    public Optional<Map.Entry<String, String>> queryParameter() {
      return inQuery ? Optional.of(Map.entry(name, value)) : Optional.empty();
    }

    @Override
    public String toString() {
      return "ApiKey[" + (inQuery ? "query" : "header") + "=" + name + ", value=***]";
    }
  }

  /**
   * OAuth2 client credentials; {@link RestOAuth} fetches and keeps the token, which {@link RestHttp} adds.
   */
  record OAuth2(URI tokenUrl, String clientId, String clientSecret, Optional<String> scope) implements RestAuth {
    @Override
    public void apply(HttpRequest.Builder request) {
      // The token is added by RestHttp, which fetches it.
    }

    @Override
    public String toString() {
      return "OAuth2[tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", clientSecret=***]";
    }
  }

  /** Reads {@code auth: { bearer: ... } | { basic: {user, password} } | { api_key: {header|query, value} }}. */
  static RestAuth parse(Options source) {
    Optional<Options> auth = source.child("auth");
    if (auth.isEmpty()) {
      return NONE;
    }
    Options o = auth.get();
    o.allowOnly(Set.of("bearer", "basic", "api_key", "oauth2"));
    if (o.keys().size() != 1) {
      throw source.error("auth", "give exactly one of bearer, basic, api_key, oauth2");
    }
    if (o.child("oauth2").isPresent()) {
      Options a = o.child("oauth2").get();
      a.allowOnly(Set.of("token_url", "client_id", "client_secret", "scope"));
      URI tokenUrl;
      try {
        tokenUrl = new URI(a.requireString("token_url"));
      } catch (URISyntaxException e) {
        throw a.error("token_url", "is not a URL: " + e.getReason());
      }
      return new OAuth2(tokenUrl, a.requireString("client_id"), a.requireString("client_secret"),
          a.string("scope"));
    }
    if (o.string("bearer").isPresent()) {
      return new Bearer(o.requireString("bearer"));
    }
    if (o.child("basic").isPresent()) {
      Options b = o.child("basic").get();
      b.allowOnly(Set.of("user", "password"));
      return new Basic(b.requireString("user"), b.requireString("password"));
    }
    Options k = o.child("api_key").orElseThrow(() -> o.error("api_key", "expected { header: ..., value: ... }"));
    k.allowOnly(Set.of("header", "query", "value"));
    if (k.string("header").isPresent() == k.string("query").isPresent()) {
      throw o.error("api_key", "give one of header or query");
    }
    boolean inQuery = k.string("query").isPresent();
    return new ApiKey(k.requireString(inQuery ? "query" : "header"), k.requireString("value"), inQuery);
  }
}
