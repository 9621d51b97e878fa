package io.xsql.planner;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlWindowTableFunction;

/**
 * One of Calcite's window table functions as a streaming aggregate computes it: which windows an event at a
 * time falls in. Tumbling and hopping windows are placed as Calcite's own runtime places them (so that a
 * windowed query gives under {@code STREAM} the rows it gives without); a session is the events of one key
 * that lie less than {@code gap} apart, from the first event to the last plus {@code gap}.
 *
 * @param kind the function
 * @param timeColumn the input column of {@code DESCRIPTOR(ts)}
 * @param size a window's length (a session's gap)
 * @param slide how far apart hopping windows start; {@code size} for the others
 * @param offset where the windows are aligned, from 1970
 * @param sessionKeys the input columns a session is per ({@code DESCRIPTOR(user_id)}); none for the others
 */
record StreamWindow(Kind kind, int timeColumn, long size, long slide, long offset, int[] sessionKeys) {
  /** The window functions, and a GROUP BY of the event time itself, which is one window per instant. */
  enum Kind { TUMBLE, HOP, SESSION, INSTANT }

  StreamWindow {
    sessionKeys = sessionKeys.clone();
  }

  /**
   * The windows of a GROUP BY of the event time column itself: a group per event time, [ts, ts + 1 ms),
   * complete once the watermark passes it.
   */
  static StreamWindow instants(int timeColumn) {
    return new StreamWindow(Kind.INSTANT, timeColumn, 1, 1, 0, new int[0]);
  }

  /** The window a table function scan computes, if it is one of Calcite's TUMBLE, HOP or SESSION. */
  static Optional<StreamWindow> of(TableFunctionScan scan) {
    // Calcite's window table functions are of kind OTHER_FUNCTION (SqlKind.TUMBLE is its group function's).
    if (!(scan.getCall() instanceof RexCall call) || !(call.getOperator() instanceof SqlWindowTableFunction f)) {
      return Optional.empty();
    }
    List<RexNode> o = call.getOperands();
    return switch (f.getName()) {
      case "TUMBLE" -> Optional.of(new StreamWindow(Kind.TUMBLE, column(o.get(0)), millis(o.get(1)),
          millis(o.get(1)), o.size() > 2 ? millis(o.get(2)) : 0, new int[0]));
      case "HOP" -> Optional.of(new StreamWindow(Kind.HOP, column(o.get(0)), millis(o.get(2)), millis(o.get(1)),
          o.size() > 3 ? millis(o.get(3)) : 0, new int[0]));
      case "SESSION" -> Optional.of(new StreamWindow(Kind.SESSION, column(o.get(0)), millis(o.get(2)),
          millis(o.get(2)), 0, ((RexCall) o.get(1)).getOperands().stream().mapToInt(k -> ((RexInputRef) k).getIndex())
          .toArray()));
      default -> Optional.empty();
    };
  }

  private static int column(RexNode descriptor) {
    return ((RexInputRef) ((RexCall) descriptor).getOperands().get(0)).getIndex();
  }

  private static long millis(RexNode interval) {
    return ((RexLiteral) interval).getValueAs(Long.class);
  }

  /** Hands each tumbling or hopping window holding an event at {@code ts} to {@code window} (start, end). */
  void windows(long ts, BiConsumer<Long, Long> window) {
    long lastStart = ts - Math.floorMod(ts - offset, slide);
    for (long start = lastStart; start > ts - size; start -= slide) {
      window.accept(start, start + size);
    }
  }

  /**
   * Hands each window holding an event at {@code ts} that the watermark has not closed yet to {@code window}
   * (start, end).
   *
   * @return false if a window the event belongs in was closed already: the event is late there
   */
  boolean openWindows(long ts, long watermark, BiConsumer<Long, Long> window) {
    boolean[] late = {false};
    windows(ts, (start, end) -> {
      if (end <= watermark) {
        late[0] = true;
      } else {
        window.accept(start, end);
      }
    });
    return !late[0];
  }

  /** Whether this places events in the same tumbling or hopping windows as {@code other}, on its own time. */
  boolean placesLike(StreamWindow other) {
    return (kind == Kind.TUMBLE || kind == Kind.HOP) && kind == other.kind && size == other.size
        && slide == other.slide && offset == other.offset;
  }

  /** What EXPLAIN shows. */
  String describe() {
    return switch (kind) {
      case HOP -> "HOP(slide=" + slide + "ms, size=" + size + "ms)";
      case SESSION -> "SESSION(gap=" + size + "ms)";
      case INSTANT -> "event time";
      case TUMBLE -> "TUMBLE(size=" + size + "ms)";
    };
  }
}
