package io.xsql.bench;

/**
 * The streams section's cases: the same events consumed by the raw client's own loop and by xsql's
 * tumbling-window count, from the followed file and from JetStream, and the latency of that count while
 * events are published at {@link #LATENCY_RATE} a second.
 */
enum StreamCase {
  FILE_RAW(Source.FILE, false),
  FILE_XSQL(Source.FILE, true),
  NATS_RAW(Source.NATS, false),
  NATS_XSQL(Source.NATS, true),
  NATS_LATENCY(Source.NATS, true);

  /** Events a second the latency case publishes. */
  static final int LATENCY_RATE = 10_000;
  /** The most windows the latency case closes (ten minutes of event time, a minute of wall time). */
  static final long LATENCY_WINDOWS = 10;

  /** Where a case reads the events. */
  enum Source { FILE, NATS }

  final Source source;
  final boolean xsql;

  StreamCase(Source source, boolean xsql) {
    this.source = source;
    this.xsql = xsql;
  }

  /** The raw client's case a throughput case of xsql is measured against. */
  StreamCase raw() {
    return source == Source.FILE ? FILE_RAW : NATS_RAW;
  }

  /** The events the latency case publishes before its closing one: whole windows, at most ten. */
  static long latencyEvents(long events) {
    return Math.max(1, Math.min(LATENCY_WINDOWS, events / StreamEvents.PER_WINDOW)) * StreamEvents.PER_WINDOW;
  }

  /** The query xsql runs over a source's table. */
  static String sql(String table) {
    return "SELECT STREAM window_start, k, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE " + table
        + ", DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end, k";
  }

  /** The catalog xsql reads: the followed file, and the JetStream stream. */
  static String catalog(String file, String url, String stream) {
    String columns = "columns: { k: INTEGER, ts: TIMESTAMP }, event_time: ts";
    return "sources:\n"
        + "  events_file: { type: jsonl, path: \"" + file + "\", follow: true, " + columns + " }\n"
        + "  events_nats: { type: nats, url: \"" + url + "\", stream: " + stream + ", start: earliest, " + columns
        + " }\n";
  }

  /** How the case is named in the report. */
  String label() {
    return switch (this) {
      case FILE_RAW -> "file, raw: `BufferedReader` + Jackson parsing each line";
      case FILE_XSQL -> "file, xsql: `follow: true`, tumbling-window count";
      case NATS_RAW -> "JetStream, raw: jnats ordered consumer (`iterate()`) + Jackson parsing each message";
      case NATS_XSQL -> "JetStream, xsql: ordered consumer, tumbling-window count";
      case NATS_LATENCY -> "JetStream, xsql, latency at " + LATENCY_RATE + " events/s";
    };
  }
}
