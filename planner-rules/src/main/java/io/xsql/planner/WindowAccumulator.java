package io.xsql.planner;

import java.math.BigDecimal;

/**
 * The state of one aggregate over a window frame: COUNT, SUM, $SUM0 (SUM that gives 0 for no rows), MIN or
 * MAX of a column, ignoring NULLs as SQL does. Sums add in the result's own arithmetic (whole numbers as a
 * {@code long}, decimals exactly, floating point as a {@code double}) and are handed out in the result's
 * Java class, so a streamed window gives the values Calcite's window operator gives.
 */
final class WindowAccumulator {
  /** The aggregates a streaming window computes. */
  enum Kind { COUNT, SUM, SUM0, MIN, MAX }

  private final Kind kind;
  private final int operand;
  private final Class<?> resultClass;
  private long count;
  private long wholeSum;
  private double floatSum;
  private BigDecimal decimalSum = BigDecimal.ZERO;
  private Comparable<Object> extreme;

  /**
   * @param operand the input column aggregated, or -1 for {@code COUNT(*)}
   * @param resultClass the Java class of the result's SQL type
   */
  WindowAccumulator(Kind kind, int operand, Class<?> resultClass) {
    this.kind = kind;
    this.operand = operand;
    this.resultClass = resultClass;
  }

  void reset() {
    count = 0;
    wholeSum = 0;
    floatSum = 0;
    decimalSum = BigDecimal.ZERO;
    extreme = null;
  }

  @SuppressWarnings("unchecked")
  void add(Object[] row) {
    Object value = operand < 0 ? Boolean.TRUE : row[operand];
    if (value == null) {
      return;
    }
    count++;
    switch (kind) {
      case COUNT -> { }
      case SUM, SUM0 -> {
        Number n = (Number) value;
        if (resultClass == BigDecimal.class) {
          decimalSum = decimalSum.add(n instanceof BigDecimal d ? d : new BigDecimal(n.toString()));
        } else if (resultClass == Double.class || resultClass == Float.class) {
          floatSum += n.doubleValue();
        } else {
          wholeSum += n.longValue();
        }
      }
      case MIN, MAX -> keepExtreme((Comparable<Object>) value);
    }
  }

  /**
   * Adds what another accumulator of the same call gathered: a streaming session that an out-of-order event
   * joins to the next one takes over that one's values.
   */
  void merge(WindowAccumulator other) {
    count += other.count;
    wholeSum += other.wholeSum;
    floatSum += other.floatSum;
    decimalSum = decimalSum.add(other.decimalSum);
    if (other.extreme != null) {
      keepExtreme(other.extreme);
    }
  }

  private void keepExtreme(Comparable<Object> c) {
    if (extreme == null || (kind == Kind.MIN ? c.compareTo(extreme) < 0 : c.compareTo(extreme) > 0)) {
      extreme = c;
    }
  }

  Object result() {
    return switch (kind) {
      case COUNT -> count;
      case MIN, MAX -> extreme;
      case SUM, SUM0 -> count == 0 && kind == Kind.SUM ? null : sum();
    };
  }

  private Object sum() {
    if (resultClass == BigDecimal.class) {
      return decimalSum;
    }
    if (resultClass == Double.class) {
      return floatSum;
    }
    if (resultClass == Float.class) {
      return (float) floatSum;
    }
    return WindowValues.whole(wholeSum, resultClass);
  }
}
