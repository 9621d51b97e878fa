package io.xsql.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.SourceException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * OAuth2 client credentials: the token is fetched on first use, reused until shortly before it expires,
 * and fetched again when the API answers 401 to it. The secret and the token never reach a message.
 */
final class RestOAuth {
  /** Fetched again this long before it expires, so that no request carries a token about to lapse. */
  private static final Duration MARGIN = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RestAuth.OAuth2 settings;
  private final String where;
  private String token;
  private long expiresAt;

  RestOAuth(RestAuth.OAuth2 settings, String where) {
    this.settings = settings;
    this.where = where;
  }

  /** The token to send, fetched if there is none or it is about to expire. */
  synchronized String token(HttpClient client, Duration timeout) {
    if (token == null || System.nanoTime() - expiresAt >= 0) {
      fetch(client, timeout);
    }
    return token;
  }

  /** Forgets a token the API refused, unless another thread already replaced it. */
  synchronized void refused(String refused) {
    if (refused.equals(token)) {
      token = null;
    }
  }

  private void fetch(HttpClient client, Duration timeout) {
    String form = "grant_type=client_credentials&client_id=" + RestUris.encode(settings.clientId())
        + "&client_secret=" + RestUris.encode(settings.clientSecret())
        + settings.scope().map(s -> "&scope=" + RestUris.encode(s)).orElse("");
    HttpRequest request = HttpRequest.newBuilder(settings.tokenUrl()).timeout(timeout)
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build();
    HttpResponse<byte[]> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new SourceException(ErrorCode.CONNECT, where + ": cannot reach the token URL " + settings.tokenUrl(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException(ErrorCode.CANCELED, where + ": interrupted while fetching a token", e);
    }
    if (response.statusCode() != 200) {
      throw new SourceException(ErrorCode.AUTH, where + ": the token URL " + settings.tokenUrl() + " answered "
          + response.statusCode());
    }
    try {
      JsonNode body = JSON.readTree(response.body());
      Optional<String> access = Optional.ofNullable(body.get("access_token")).filter(JsonNode::isTextual)
          .map(JsonNode::textValue);
      if (access.isEmpty()) {
        throw new SourceException(ErrorCode.AUTH, where + ": the token URL " + settings.tokenUrl()
            + " gave no access_token");
      }
      token = access.get();
      long seconds = body.path("expires_in").asLong(3600);
      expiresAt = System.nanoTime() + Duration.ofSeconds(seconds).minus(MARGIN).toNanos();
    } catch (IOException e) {
      throw new SourceException(ErrorCode.AUTH, where + ": the token URL " + settings.tokenUrl()
          + " gave no JSON", e);
    }
  }
}
