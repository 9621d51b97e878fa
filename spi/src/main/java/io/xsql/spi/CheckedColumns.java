package io.xsql.spi;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The columns a scan converts to return the requested ones and check predicates on them again: a source
 * whose native filter may match more than SQL does (MongoDB, an API's parameters) decodes {@link #decoded()}
 * into a row, keeps it if {@link #passes} and returns {@link #requested}'s part.
 */
public final class CheckedColumns {
  private final int width;
  private final int[] decoded;
  private final int[] slot;
  private final List<Predicate> checks;

  /**
   * @param tableWidth how many columns the table has
   * @param requested the table columns to return, in output order
   * @param checks predicates a row must satisfy (their columns are decoded too)
   * @param more further columns to decode, such as all of them when whether a row is skipped must not
   *     depend on the query
   */
  public CheckedColumns(int tableWidth, int[] requested, List<Predicate> checks, BitSet more) {
    this.width = requested.length;
    this.checks = List.copyOf(checks);
    BitSet extra = (BitSet) more.clone();
    checks.forEach(p -> extra.or(p.columns()));
    Arrays.stream(requested).forEach(extra::clear);
    this.decoded = IntStream.concat(Arrays.stream(requested), extra.stream()).toArray();
    this.slot = new int[tableWidth];
    for (int out = decoded.length - 1; out >= 0; out--) {
      slot[decoded[out]] = out;
    }
  }

  /** The table columns to decode, in row order: the requested ones first. */
  public int[] decoded() {
    return decoded.clone();
  }

  /** Whether a decoded row satisfies every check. */
  public boolean passes(Object[] row) {
    for (Predicate check : checks) {
      if (!check.test(c -> row[slot[c]])) {
        return false;
      }
    }
    return true;
  }

  /** The requested part of a decoded row. */
  public Object[] requested(Object[] row) {
    return row.length == width ? row : Arrays.copyOf(row, width);
  }
}
