package io.xsql.stream;

import static java.util.Objects.requireNonNull;

import io.xsql.spi.Column;
import io.xsql.spi.ColumnType;
import io.xsql.spi.EventTime;
import io.xsql.spi.LookupBatch;
import io.xsql.spi.OnError;
import io.xsql.spi.Options;
import io.xsql.spi.SourceConfig;
import io.xsql.spi.TypeKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every stream source's catalog entry says about its messages, read and checked in one place; each
 * kind's own config ({@link NatsConfig}, {@link RabbitConfig}) holds one.
 *
 * @param source the source name, which is also the table's
 * @param columns the declared columns, in order: a JSON message's fields of those names
 * @param eventTime the column holding each event's time, the watermark and the idle timeout, for windows
 * @param onError what a malformed message or a value that does not fit its column does
 * @param lookupBatch how lookup joins enriching the stream batch its keys
 * @param reconnect how long a continuous read whose connection was lost tries to connect again before it
 *     fails (08006); zero fails at once
 */
record StreamConfig(String source, List<Column> columns, EventTime eventTime, OnError onError,
    LookupBatch lookupBatch, Duration reconnect) {

  /** The keys every stream source takes besides its own. */
  private static final Set<String> KEYS = Set.of("type", "format", "columns", "on_error", LookupBatch.KEY,
      "reconnect");
  /** How long a lost stream is tried again unless the catalog says otherwise. */
  private static final Duration RECONNECT = Duration.ofSeconds(30);

  StreamConfig {
    requireNonNull(source, "source is null");
    columns = List.copyOf(columns);
    requireNonNull(eventTime, "eventTime is null");
    requireNonNull(onError, "onError is null");
    requireNonNull(lookupBatch, "lookupBatch is null");
    requireNonNull(reconnect, "reconnect is null");
  }

  /**
   * Reads the shared keys, after checking that the entry has no other keys than these and the kind's own.
   *
   * @param ownKeys the keys of the source's kind ({@code stream}, {@code queue}...)
   */
  static StreamConfig parse(SourceConfig config, Set<String> ownKeys) {
    Options o = config.options();
    Set<String> allowed = new HashSet<>(KEYS);
    allowed.addAll(EventTime.KEYS);
    allowed.addAll(ownKeys);
    o.allowOnly(allowed);
    String format = o.string("format").orElse("json");
    if (!format.equals("json")) {
      throw o.error("format", "expected json (one JSON object per message) but got '" + format + "'");
    }
    Map<String, ColumnType> types = o.columnTypes("columns");
    if (types.isEmpty()) {
      throw o.error("columns", "is required: a stream is not sampled, so its columns are declared"
          + " ({ user_id: BIGINT, url: VARCHAR, ts: TIMESTAMP })");
    }
    List<Column> columns = new ArrayList<>();
    types.forEach((name, type) -> {
      if (type.kind() == TypeKind.ARRAY) {
        throw o.error("columns", "column '" + name + "': stream sources read no ARRAY columns yet");
      }
      columns.add(new Column(name, type, true));
    });
    EventTime eventTime = EventTime.read(o);
    eventTime.column().ifPresent(name -> {
      if (columns.stream().noneMatch(c -> c.name().equals(name) && c.type().kind() == TypeKind.TIMESTAMP)) {
        throw o.error("event_time", "must name a TIMESTAMP column of columns, but '" + name + "' is none");
      }
    });
    return new StreamConfig(config.name(), columns, eventTime, o.choice("on_error", OnError.class, OnError.FAIL),
        LookupBatch.read(o), o.duration("reconnect", RECONNECT));
  }
}
