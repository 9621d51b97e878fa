package io.xsql.planner;

import java.util.function.Consumer;

/** The open windows of a streaming windowed GROUP BY and their groups' aggregates. */
sealed interface WindowState permits FixedWindows, SessionWindows {
  /**
   * Adds an event at {@code ts} to its open windows.
   *
   * @return false if a window it belongs in was closed already (the event is late): it is then added to
   *     none of its closed windows
   */
  boolean add(Object[] row, long ts, long watermark);

  /** Emits, then forgets, each window whose end the watermark has reached. */
  void close(long watermark, Consumer<Object[]> out);

  /** How many groups the open windows hold. */
  long groups();
}
