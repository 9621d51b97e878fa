package io.xsql.stream;

import io.nats.client.api.DeliverPolicy;
import io.xsql.spi.Options;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Where a JetStream read starts ({@code start}): the stream's first stored message, only messages published
 * after the query starts, or the first message stored at or after a time.
 *
 * @param policy JetStream's deliver policy
 * @param time for {@link DeliverPolicy#ByStartTime}, the time
 */
record NatsStart(DeliverPolicy policy, Optional<ZonedDateTime> time) {
  static final NatsStart EARLIEST = new NatsStart(DeliverPolicy.All, Optional.empty());

  /** Reads {@code start}: {@code earliest} (the default), {@code latest}, or an ISO timestamp with an offset. */
  static NatsStart parse(Options o) {
    String text = o.string("start").orElse("earliest").trim();
    switch (text) {
      case "earliest":
        return EARLIEST;
      case "latest":
        return new NatsStart(DeliverPolicy.New, Optional.empty());
      default:
        try {
          Instant at = OffsetDateTime.parse(text).toInstant();
          return new NatsStart(DeliverPolicy.ByStartTime, Optional.of(at.atZone(ZoneOffset.UTC)));
        } catch (DateTimeParseException e) {
          throw o.error("start", "expected earliest, latest or an ISO timestamp with an offset"
              + " (2026-01-31T12:00:00Z) but got '" + text + "'");
        }
    }
  }

  @Override
  public String toString() {
    return time.map(t -> t.toInstant().toString())
        .orElse(policy == DeliverPolicy.New ? "latest" : "earliest");
  }
}
