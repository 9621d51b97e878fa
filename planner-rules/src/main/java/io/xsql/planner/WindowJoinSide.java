package io.xsql.planner;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Optional;

/**
 * One input of a window join: a stream's rows before its window function, which the join applies itself.
 *
 * @param timing the stream's name and watermark
 * @param window the stream's window function (its time column among the stream's columns)
 * @param width how many columns the stream has; the window's start and end follow them
 * @param keys the join's equal keys on this side, among the stream's columns and the window's two
 */
record WindowJoinSide(StreamTiming timing, StreamWindow window, int width, int[] keys) {
  WindowJoinSide {
    requireNonNull(timing, "timing is null");
    requireNonNull(window, "window is null");
    keys = keys.clone();
  }

  /** A row of the stream placed in a window: its columns, then the window's start and end. */
  Object[] placed(Object[] row, long start, long end) {
    Object[] out = Arrays.copyOf(row, width + 2);
    out[width] = start;
    out[width + 1] = end;
    return out;
  }

  /** A placed row's join key, empty when one of its values is NULL: then it equals no other row's. */
  Optional<GroupKey> key(Object[] placed) {
    Object[] values = new Object[keys.length];
    for (int i = 0; i < keys.length; i++) {
      values[i] = placed[keys[i]];
      if (values[i] == null) {
        return Optional.empty();
      }
    }
    return Optional.of(new GroupKey(values));
  }

  /** The row of NULLs an outer join pads an unmatched row of the other side with. */
  Object[] nulls() {
    return new Object[width + 2];
  }
}
