package io.xsql.planner;

/**
 * A window frame a streaming window computes: from the partition's first row, {@code preceding} rows back
 * or the current row, up to the current row (with its peers for RANGE) or to the partition's end.
 *
 * @param rows ROWS (positions) rather than RANGE (the current row's peers belong to the frame)
 * @param preceding -1 for UNBOUNDED PRECEDING, else how many rows before the current one (ROWS only)
 * @param toEnd whether the frame ends at UNBOUNDED FOLLOWING (then it starts at UNBOUNDED PRECEDING)
 * @param orderKeys the input columns of the window's ORDER BY, which say which rows are peers
 */
record WindowFrame(boolean rows, int preceding, boolean toEnd, int[] orderKeys) {
  WindowFrame {
    orderKeys = orderKeys.clone();
    if (preceding < -1 || (preceding >= 0 && (!rows || toEnd))) {
      throw new IllegalArgumentException("unsupported window frame");
    }
  }

  boolean fromStart() {
    return preceding < 0;
  }

  /** Whether the frame of the current row is all read. */
  boolean ready(WindowPartition p) {
    if (toEnd) {
      return p.complete;
    }
    return rows || p.peersRead(orderKeys);
  }

  /** How many rows before the current one the frame reaches, past the partition's first. */
  int lookBack() {
    return Math.max(preceding, 0);
  }
}
