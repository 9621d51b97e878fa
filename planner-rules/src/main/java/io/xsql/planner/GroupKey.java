package io.xsql.planner;

import java.util.Arrays;

/** The values of a group's columns, compared by value, as a hash map's key. */
record GroupKey(Object[] values) {
  @Override
  public boolean equals(Object o) {
    return o instanceof GroupKey k && Arrays.equals(values, k.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return Arrays.toString(values);
  }
}
