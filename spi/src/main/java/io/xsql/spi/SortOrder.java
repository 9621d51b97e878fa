package io.xsql.spi;

import java.util.List;

/**
 * The order in which a source returns its rows, which the planner may rely on (a merge join, a sort it
 * can skip). Strings compare by UTF-16 code unit and numbers by value, as the engine's runtime does.
 *
 * @param keys the sort keys, most significant first
 */
public record SortOrder(List<Key> keys) {
  public SortOrder {
    keys = List.copyOf(keys);
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a sort order needs at least one key");
    }
  }

  /**
   * One sort key.
   *
   * @param column the table column index
   * @param descending whether the key sorts from high to low
   * @param nullsFirst whether nulls come before all values (by default they come last ascending and
   *     first descending, as in PostgreSQL and Calcite)
   */
  public record Key(int column, boolean descending, boolean nullsFirst) {
    /** A key with nulls where PostgreSQL puts them. */
    public Key(int column, boolean descending) {
      this(column, descending, descending);
    }

    /** Negative when {@code a} comes before {@code b} in this key's order, 0 when they tie. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public int compare(Object a, Object b) {
      if (a == null || b == null) {
        int c = a == null ? (b == null ? 0 : -1) : 1;
        return nullsFirst ? c : -c;
      }
      int c = ((Comparable) a).compareTo(b);
      return descending ? -c : c;
    }
  }
}
