package io.xsql.driver;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to cancel a statement running on an xsql server. Avatica's protocol has no cancel, so
 * {@code jdbc:xsql:remote:} clients post this to {@link #PATH} beside Avatica's endpoint, as form-encoded
 * text ({@code connection=...&statement=...}); the server answers {@link #CANCELED} with HTTP 200, or 404
 * when the caller has no such statement.
 *
 * @param connectionId the id of the connection, as Avatica's client chose it
 * @param statementId the id of the statement within the server
 */
public record RemoteCancelRequest(String connectionId, int statementId) {
  /** Where the server takes cancel requests, below the client's server URL. */
  public static final String PATH = "/xsql/cancel";
  /** The body of the server's answer when it canceled the statement (or found nothing running). */
  public static final String CANCELED = "canceled";

  private static final String CONNECTION = "connection";
  private static final String STATEMENT = "statement";

  /** Checks the connection id is present. */
  public RemoteCancelRequest {
    Objects.requireNonNull(connectionId, "connectionId is null");
  }

  /** The request as the body of an HTTP POST. */
  public byte[] encode() {
    return (CONNECTION + "=" + URLEncoder.encode(connectionId, UTF_8) + "&" + STATEMENT + "=" + statementId)
        .getBytes(UTF_8);
  }

  /** The request a body holds; empty when it is not a well-formed cancel request. */
  public static Optional<RemoteCancelRequest> decode(byte[] body) {
    Map<String, String> fields = new HashMap<>();
    for (String field : new String(body, UTF_8).split("&")) {
      int eq = field.indexOf('=');
      if (eq < 0) {
        return Optional.empty();
      }
      try {
        fields.put(field.substring(0, eq), URLDecoder.decode(field.substring(eq + 1), UTF_8));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    String connection = fields.get(CONNECTION);
    String statement = fields.get(STATEMENT);
    if (connection == null || statement == null || fields.size() != 2) {
      return Optional.empty();
    }
    try {
      return Optional.of(new RemoteCancelRequest(connection, Integer.parseInt(statement)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
