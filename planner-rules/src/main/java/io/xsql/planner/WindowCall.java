package io.xsql.planner;

import java.util.function.Function;

/**
 * One window function of a streaming window, as planned: what it needs of the partition before it can
 * give the current row's value, and a fresh state per partition that gives the values row by row.
 */
sealed interface WindowCall {
  /** Whether the current row's value can be computed from the rows read so far. */
  boolean ready(WindowPartition p);

  /** How many output rows before the current one the call looks at. */
  int lookBack();

  /** The call's state for a new partition: the current row's value, called once per row in order. */
  Function<WindowPartition, Object> start();

  /** ROW_NUMBER, RANK and DENSE_RANK. */
  record Ranking(Kind kind, int[] orderKeys) implements WindowCall {
    enum Kind { ROW_NUMBER, RANK, DENSE_RANK }

    @Override
    public boolean ready(WindowPartition p) {
      return true;
    }

    @Override
    public int lookBack() {
      return 0;
    }

    @Override
    public Function<WindowPartition, Object> start() {
      long[] rankAndDense = new long[2];
      return p -> {
        if (kind == Kind.ROW_NUMBER) {
          return p.index + 1;
        }
        if (p.startsPeers(orderKeys)) {
          rankAndDense[0] = p.index + 1;
          rankAndDense[1]++;
        }
        return kind == Kind.RANK ? rankAndDense[0] : rankAndDense[1];
      };
    }
  }

  /** LAG and LEAD: a column of the row {@code offset} rows before or after, or {@code fallback}. */
  record Offset(boolean lead, int operand, int offset, Object fallback) implements WindowCall {
    @Override
    public boolean ready(WindowPartition p) {
      return !lead || p.complete || p.pending.size() > offset;
    }

    @Override
    public int lookBack() {
      return lead ? 0 : offset;
    }

    @Override
    public Function<WindowPartition, Object> start() {
      return p -> {
        if (offset == 0) {
          return p.current()[operand];
        }
        if (lead) {
          return offset < p.pending.size() ? p.pending.get(offset)[operand] : fallback;
        }
        return p.index >= offset ? p.history.get(p.history.size() - offset)[operand] : fallback;
      };
    }
  }

  /** NTILE: the current row's bucket when the partition is cut into {@code buckets} nearly equal ones. */
  record Ntile(int buckets) implements WindowCall {
    @Override
    public boolean ready(WindowPartition p) {
      return p.complete;
    }

    @Override
    public int lookBack() {
      return 0;
    }

    @Override
    public Function<WindowPartition, Object> start() {
      long[] size = new long[1];
      return p -> {
        if (p.index == 0) {
          size[0] = p.pending.size();
        }
        // The first (size % buckets) buckets hold one row more than the others.
        long small = size[0] / buckets;
        long large = small + 1;
        long inLarge = (size[0] % buckets) * large;
        long bucket = p.index < inLarge ? p.index / large : size[0] % buckets + (p.index - inLarge) / small;
        return (int) bucket + 1;
      };
    }
  }

  /** FIRST_VALUE and LAST_VALUE of a column over the frame. */
  record Value(boolean last, int operand, WindowFrame frame) implements WindowCall {
    @Override
    public boolean ready(WindowPartition p) {
      return !last || frame.ready(p);
    }

    @Override
    public int lookBack() {
      return last ? 0 : frame.lookBack();
    }

    @Override
    public Function<WindowPartition, Object> start() {
      return p -> {
        if (last) {
          if (frame.toEnd()) {
            return p.pending.last()[operand];
          }
          return frame.rows() ? p.current()[operand] : p.pending.get(p.peers(frame.orderKeys()) - 1)[operand];
        }
        int back = frame.preceding();
        if (back < 0 || p.index < back) {
          return p.first[operand];
        }
        return back == 0 ? p.current()[operand] : p.history.get(p.history.size() - back)[operand];
      };
    }
  }

  /** COUNT, SUM, $SUM0, MIN or MAX over the frame. */
  record Aggregate(WindowAccumulator.Kind kind, int operand, Class<?> resultClass, WindowFrame frame)
      implements WindowCall {
    @Override
    public boolean ready(WindowPartition p) {
      return frame.ready(p);
    }

    @Override
    public int lookBack() {
      return frame.lookBack();
    }

    @Override
    public Function<WindowPartition, Object> start() {
      WindowAccumulator acc = new WindowAccumulator(kind, operand, resultClass);
      if (!frame.fromStart()) {
        // A sliding frame of ROWS: recomputed over at most preceding + 1 rows.
        return p -> {
          acc.reset();
          RowRing history = p.history;
          for (int i = Math.max(0, history.size() - frame.preceding()); i < history.size(); i++) {
            acc.add(history.get(i));
          }
          acc.add(p.current());
          return acc.result();
        };
      }
      if (frame.toEnd()) {
        return p -> {
          if (p.index == 0) {
            for (int i = 0; i < p.pending.size(); i++) {
              acc.add(p.pending.get(i));
            }
          }
          return acc.result();
        };
      }
      if (frame.rows()) {
        return p -> {
          acc.add(p.current());
          return acc.result();
        };
      }
      return p -> {
        if (p.startsPeers(frame.orderKeys())) {
          for (int i = 0, n = p.peers(frame.orderKeys()); i < n; i++) {
            acc.add(p.pending.get(i));
          }
        }
        return acc.result();
      };
    }
  }
}
