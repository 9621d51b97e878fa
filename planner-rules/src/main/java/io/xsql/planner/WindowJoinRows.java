package io.xsql.planner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.calcite.linq4j.function.Predicate2;

/** The rows of both streams in one open window of a window join, by join key, until the window closes. */
final class WindowJoinRows {
  private final WindowJoinPlan plan;
  private final List<Map<GroupKey, List<Object[]>>> keyed = List.of(new LinkedHashMap<>(), new LinkedHashMap<>());
  /** Rows with a NULL key, kept only where an outer join emits them unmatched. */
  private final List<List<Object[]>> unkeyed = List.of(new ArrayList<>(), new ArrayList<>());
  private long rows;

  WindowJoinRows(WindowJoinPlan plan) {
    this.plan = plan;
  }

  /** Keeps a row of side {@code side} (0 left, 1 right), placed in this window. */
  void add(int side, Object[] placed) {
    Optional<GroupKey> key = plan.sides().get(side).key(placed);
    if (key.isPresent()) {
      keyed.get(side).computeIfAbsent(key.get(), k -> new ArrayList<>()).add(placed);
      rows++;
    } else if (plan.keepsUnmatched(side)) {
      unkeyed.get(side).add(placed);
      rows++;
    }
  }

  /** How many rows the window holds. */
  long rows() {
    return rows;
  }

  /**
   * Emits the window's joined rows: each pair of rows with equal keys that {@code residual} (the join's
   * other conditions) accepts, then, for an outer join, the rows that matched none, padded with NULLs.
   */
  void emit(Predicate2<Object[], Object[]> residual, Consumer<Object[]> out) {
    WindowJoinSide left = plan.left();
    WindowJoinSide right = plan.right();
    Set<Object[]> matchedRight = Collections.newSetFromMap(new IdentityHashMap<>());
    keyed.get(0).forEach((key, lefts) -> {
      List<Object[]> rights = keyed.get(1).getOrDefault(key, List.of());
      for (Object[] l : lefts) {
        boolean matched = false;
        for (Object[] r : rights) {
          if (residual.apply(l, r)) {
            out.accept(joined(l, r));
            matched = true;
            matchedRight.add(r);
          }
        }
        if (!matched && plan.keepsUnmatched(0)) {
          out.accept(joined(l, right.nulls()));
        }
      }
    });
    unkeyed.get(0).forEach(l -> out.accept(joined(l, right.nulls())));
    if (plan.keepsUnmatched(1)) {
      keyed.get(1).values().forEach(rights -> rights.stream().filter(r -> !matchedRight.contains(r))
          .forEach(r -> out.accept(joined(left.nulls(), r))));
      unkeyed.get(1).forEach(r -> out.accept(joined(left.nulls(), r)));
    }
  }

  private static Object[] joined(Object[] left, Object[] right) {
    Object[] out = new Object[left.length + right.length];
    System.arraycopy(left, 0, out, 0, left.length);
    System.arraycopy(right, 0, out, left.length, right.length);
    return out;
  }
}
