package io.xsql.planner;

import static java.util.Objects.requireNonNull;

import io.xsql.spi.EventTime;
import java.util.Optional;
import org.apache.calcite.rel.RelNode;

/**
 * The stream a windowed operator reads, as its run time needs it: the name its messages give, and the event
 * time settings its watermark follows.
 *
 * @param source the stream table's name ({@code clicks}), or {@code stream} when no scan is found
 * @param eventTime the stream's watermark and idle timeout
 */
record StreamTiming(String source, EventTime eventTime) {
  StreamTiming {
    requireNonNull(source, "source is null");
    requireNonNull(eventTime, "eventTime is null");
  }

  /** The timing of the stream at the bottom of {@code stream}, a chain of one-input operators over a scan. */
  static StreamTiming of(RelNode stream) {
    return scan(stream).map(s -> new StreamTiming(s.xsqlTable.name(), eventTime(s)))
        .orElse(new StreamTiming("stream", EventTime.NONE));
  }

  /** What EXPLAIN shows of a stream's watermark: {@code watermark=2000ms, idle_timeout=1000ms}. */
  static String describe(EventTime eventTime) {
    return "watermark=" + eventTime.watermark().toMillis() + "ms"
        + eventTime.idleTimeout().map(d -> ", idle_timeout=" + d.toMillis() + "ms").orElse("");
  }

  /** The event time settings of the stream a scan reads (a plain scan's table has its stream's). */
  static EventTime eventTime(XsqlTableScan scan) {
    return scan.xsqlTable instanceof XsqlStreamTable t ? t.stream().table().eventTime()
        : scan.dataTable().eventTime();
  }

  /** The scan at the bottom of a chain of one-input operators, whose stream has the event time settings. */
  private static Optional<XsqlTableScan> scan(RelNode node) {
    RelNode n = XsqlDeltaRule.original(node);
    while (!(n instanceof XsqlTableScan) && n.getInputs().size() == 1) {
      n = XsqlDeltaRule.original(n.getInput(0));
    }
    return n instanceof XsqlTableScan s ? Optional.of(s) : Optional.empty();
  }
}
