package io.xsql.stream;

import static java.util.Objects.requireNonNull;

import io.xsql.spi.Options;
import io.xsql.spi.SourceConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code nats} source's settings: a JetStream stream as a table.
 *
 * @param messages what the messages hold (columns, event time, {@code on_error})
 * @param url the server's URL as the catalog gives it (may hold credentials: never print it)
 * @param address the URL without credentials, for messages and EXPLAIN
 * @param stream the JetStream stream
 * @param subject a filter subject within the stream ({@code clicks.>}), if any
 * @param start where reads start
 * @param durable the durable consumer to read through, if the catalog names one (else an ordered,
 *     ephemeral consumer per query)
 */
record NatsConfig(StreamConfig messages, String url, String address, String stream, Optional<String> subject,
    NatsStart start, Optional<String> durable) {

  private static final Set<String> OWN_KEYS = Set.of("url", "stream", "subject", "start", "durable");

  NatsConfig {
    requireNonNull(messages, "messages is null");
    requireNonNull(url, "url is null");
    requireNonNull(address, "address is null");
    requireNonNull(stream, "stream is null");
    requireNonNull(subject, "subject is null");
    requireNonNull(start, "start is null");
    requireNonNull(durable, "durable is null");
  }

  static NatsConfig parse(SourceConfig config) {
    StreamConfig messages = StreamConfig.parse(config, OWN_KEYS);
    Options o = config.options();
    String url = o.string("url").orElse("nats://127.0.0.1:4222");
    return new NatsConfig(messages, url, address(o, url), o.requireString("stream"),
        o.string("subject"), NatsStart.parse(o), o.string("durable"));
  }

  /** The URL without user information; the URL itself is never echoed, since it may hold a password. */
  private static String address(Options o, String url) {
    try {
      URI uri = new URI(url);
      if (uri.getHost() == null) {
        throw o.error("url", "expected nats://host:port");
      }
      return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    } catch (URISyntaxException e) {
      throw o.error("url", "is not a valid URL (nats://host:port)");
    }
  }

  @Override
  public String toString() {
    return "NatsConfig[source=" + messages.source() + ", address=" + address + ", stream=" + stream + "]";
  }
}
