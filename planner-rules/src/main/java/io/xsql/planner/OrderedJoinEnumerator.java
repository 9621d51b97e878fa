package io.xsql.planner;

import java.util.Arrays;
import org.apache.calcite.linq4j.Enumerator;

/**
 * What the joins of two ordered inputs share ({@link MergeJoinEnumerator}, {@link BandJoinEnumerator}):
 * inputs checked for their order as they are read, closed when a step fails, and output rows made new.
 * Input rows are kept across steps, so inputs must not reuse their arrays.
 */
abstract class OrderedJoinEnumerator implements Enumerator<Object[]> {
  final MergeJoinInput left;
  final MergeJoinInput right;
  private final int leftWidth;
  private final int rightWidth;
  private final boolean leftOnly;
  /** The row {@link #advance} made current. */
  Object[] current;

  /**
   * @param leftOnly whether output rows are the left row's values only (SEMI and ANTI joins)
   */
  OrderedJoinEnumerator(MergeJoinInput left, MergeJoinInput right, int leftWidth, int rightWidth,
      boolean leftOnly) {
    this.left = left;
    this.right = right;
    this.leftWidth = leftWidth;
    this.rightWidth = rightWidth;
    this.leftOnly = leftOnly;
  }

  /** Makes the next output row {@link #current}; false at the end. */
  abstract boolean advance();

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public boolean moveNext() {
    try {
      return advance();
    } catch (RuntimeException e) {
      // Linq4j does not close an enumerator whose moveNext failed; the inputs' files and connections must
      // not wait for the garbage collector.
      try {
        close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /** A new output row; a null side is padded with NULLs. */
  Object[] output(Object[] l, Object[] r) {
    if (leftOnly) {
      return Arrays.copyOf(l, leftWidth);
    }
    Object[] row = new Object[leftWidth + rightWidth];
    if (l != null) {
      System.arraycopy(l, 0, row, 0, leftWidth);
    }
    if (r != null) {
      System.arraycopy(r, 0, row, leftWidth, rightWidth);
    }
    return row;
  }

  @Override
  public void reset() {
    throw new UnsupportedOperationException("a join of ordered inputs cannot restart them");
  }

  @Override
  public void close() {
    try {
      left.close();
    } catch (RuntimeException e) {
      try {
        right.close();
      } catch (RuntimeException second) {
        e.addSuppressed(second);
      }
      throw e;
    }
    right.close();
  }
}
