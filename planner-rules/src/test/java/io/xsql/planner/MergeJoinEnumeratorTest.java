package io.xsql.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.spi.ErrorCode;
import io.xsql.spi.SourceException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntFunction;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.function.Predicate2;
import org.apache.calcite.rel.core.JoinRelType;
import org.junit.jupiter.api.Test;

/** The merge join against a nested-loop reference, its order checks, closing and memory. */
final class MergeJoinEnumeratorTest {
  /** Left rows: {@code [id, key0, extra, key1]}; right rows: {@code [key1, key0, id]}. */
  private static final int[] LEFT_KEYS = {1, 3};
  private static final int[] RIGHT_KEYS = {1, 0};
  private static final int LEFT_WIDTH = 4;
  private static final int RIGHT_WIDTH = 3;
  /** A condition besides the keys that about a third of the pairs fail: the left extra against the right id. */
  private static final Predicate2<Object[], Object[]> RESIDUAL =
      (l, r) -> ((Integer) l[2] + Integer.parseInt(((String) r[2]).substring(1))) % 3 != 0;

  /** Key values of one Java class; few of them, so that both sides have runs of equal keys. */
  private static final List<IntFunction<Object>> DOMAINS = List.of(
      i -> i,
      i -> (long) i - 2,
      i -> String.valueOf((char) ('a' + i)),
      i -> new BigDecimal(List.of("-0.5", "0", "0.00", "1.0", "1.00", "1", "2.50", "2.5").get(i)));

  @Test
  void matchesNestedLoopReference() {
    Random random = new Random(20_240_611L);
    for (int trial = 0; trial < 300; trial++) {
      int keyCount = 1 + random.nextInt(2);
      int[] leftKeys = Arrays.copyOf(LEFT_KEYS, keyCount);
      int[] rightKeys = Arrays.copyOf(RIGHT_KEYS, keyCount);
      List<IntFunction<Object>> domains = List.of(DOMAINS.get(random.nextInt(4)), DOMAINS.get(random.nextInt(4)));
      int distinct = 1 + random.nextInt(8);
      List<Object[]> left = sorted(rows(random, trial % 10 == 0 ? 0 : random.nextInt(25), domains, distinct,
          (id, k0, k1) -> new Object[] {"L" + id, k0, random.nextInt(3), k1}), leftKeys);
      List<Object[]> right = sorted(rows(random, trial % 10 == 1 ? 0 : random.nextInt(25), domains, distinct,
          (id, k0, k1) -> new Object[] {k1, k0, "R" + id}), rightKeys);
      for (Optional<Predicate2<Object[], Object[]>> residual : List.of(Optional.<Predicate2<Object[], Object[]>>
          empty(), Optional.of(RESIDUAL))) {
        for (JoinRelType type : List.of(JoinRelType.INNER, JoinRelType.LEFT, JoinRelType.RIGHT, JoinRelType.FULL,
            JoinRelType.SEMI, JoinRelType.ANTI)) {
          check(trial, new MergeJoinPlan(leftKeys, rightKeys, type, LEFT_WIDTH, RIGHT_WIDTH, false, "l", "r"),
              residual, left, right);
        }
        for (JoinRelType type : List.of(JoinRelType.INNER, JoinRelType.LEFT)) {
          check(trial, new MergeJoinPlan(leftKeys, rightKeys, type, LEFT_WIDTH, RIGHT_WIDTH, true, "l", "r"),
              residual, left, right);
        }
      }
    }
  }

  private interface RowMaker {
    Object[] row(int id, Object key0, Object key1);
  }

  private static List<Object[]> rows(Random random, int count, List<IntFunction<Object>> domains, int distinct,
      RowMaker maker) {
    List<Object[]> rows = new ArrayList<>();
    for (int id = 0; id < count; id++) {
      rows.add(maker.row(id, value(random, domains.get(0), distinct), value(random, domains.get(1), distinct)));
    }
    return rows;
  }

  private static Object value(Random random, IntFunction<Object> domain, int distinct) {
    return random.nextInt(7) == 0 ? null : domain.apply(random.nextInt(distinct));
  }

  private static List<Object[]> sorted(List<Object[]> rows, int[] keys) {
    rows.sort((a, b) -> JoinKeys.compare(a, keys, b, keys));
    return rows;
  }

  private static void check(int trial, MergeJoinPlan plan, Optional<Predicate2<Object[], Object[]>> residual,
      List<Object[]> left, List<Object[]> right) {
    String what = "trial " + trial + ", " + plan.type() + (plan.firstMatch() ? " first match" : "")
        + (residual.isPresent() ? " with a residual" : "") + ", left " + show(left) + ", right " + show(right);
    CountingInput leftInput = new CountingInput(left);
    CountingInput rightInput = new CountingInput(right);
    List<Object[]> actual = drain(residual.map(r -> plan.join(leftInput, rightInput, r))
        .orElseGet(() -> plan.join(leftInput, rightInput)));
    List<Object[]> expected = nestedLoop(plan, residual.orElse((l, r) -> true), left, right);

    assertThat(lists(actual)).as(what).containsExactlyInAnyOrderElementsOf(lists(expected));
    // Rows holding a left row come in the left input's order, as the nested loop makes them.
    assertThat(lists(withLeft(actual))).as(what).containsExactlyElementsOf(lists(withLeft(expected)));
    // Right rows without a match come at their place in key order.
    for (int i = 1; i < actual.size(); i++) {
      assertThat(outputKeyCompare(plan, actual.get(i - 1), actual.get(i))).as(what + ", row " + i)
          .isLessThanOrEqualTo(0);
    }
    assertThat(leftInput.closed && rightInput.closed).as(what).isTrue();
  }

  /**
   * The reference: every pair of rows whose keys are equal and free of NULLs, found by equals, that passes
   * the residual; FIRST_MATCH takes the first right row that does.
   */
  private static List<Object[]> nestedLoop(MergeJoinPlan plan, Predicate2<Object[], Object[]> residual,
      List<Object[]> left, List<Object[]> right) {
    List<Object[]> out = new ArrayList<>();
    boolean[] rightMatched = new boolean[right.size()];
    for (Object[] l : left) {
      Object key = JoinKeys.of(l, plan.leftKeys());
      boolean found = false;
      for (int j = 0; j < right.size() && !(found && plan.firstMatch()); j++) {
        if (key != null && key.equals(JoinKeys.of(right.get(j), plan.rightKeys()))
            && residual.apply(l, right.get(j))) {
          found = true;
          rightMatched[j] = true;
          if (plan.type() != JoinRelType.SEMI && plan.type() != JoinRelType.ANTI) {
            out.add(concat(l, right.get(j)));
          }
        }
      }
      boolean keep = switch (plan.type()) {
        case SEMI -> found;
        case ANTI, LEFT, FULL -> !found;
        default -> false;
      };
      if (keep) {
        out.add(plan.type() == JoinRelType.SEMI || plan.type() == JoinRelType.ANTI ? l.clone() : concat(l, null));
      }
    }
    if (plan.type() == JoinRelType.RIGHT || plan.type() == JoinRelType.FULL) {
      for (int j = 0; j < right.size(); j++) {
        if (!rightMatched[j]) {
          out.add(concat(null, right.get(j)));
        }
      }
    }
    return out;
  }

  private static Object[] concat(Object[] l, Object[] r) {
    Object[] row = new Object[LEFT_WIDTH + RIGHT_WIDTH];
    if (l != null) {
      System.arraycopy(l, 0, row, 0, LEFT_WIDTH);
    }
    if (r != null) {
      System.arraycopy(r, 0, row, LEFT_WIDTH, RIGHT_WIDTH);
    }
    return row;
  }

  private static List<Object[]> withLeft(List<Object[]> rows) {
    return rows.stream().filter(r -> r[0] != null).toList();
  }

  /** Compares output rows by the key of their left row, or of their right row when they have none. */
  private static int outputKeyCompare(MergeJoinPlan plan, Object[] a, Object[] b) {
    int[] shifted = Arrays.stream(plan.rightKeys()).map(k -> k + LEFT_WIDTH).toArray();
    return JoinKeys.compare(a, a[0] != null ? plan.leftKeys() : shifted, b, b[0] != null ? plan.leftKeys() : shifted);
  }

  private static List<List<Object>> lists(List<Object[]> rows) {
    return rows.stream().map(Arrays::asList).toList();
  }

  private static String show(List<Object[]> rows) {
    return lists(rows).toString();
  }

  /** All rows, kept as returned: they must be new arrays. */
  static List<Object[]> drain(Enumerable<Object[]> join) {
    List<Object[]> out = new ArrayList<>();
    try (Enumerator<Object[]> rows = join.enumerator()) {
      while (rows.moveNext()) {
        out.add(rows.current());
      }
    }
    return out;
  }

  private static List<Object[]> keyRows(Object... keys) {
    return Arrays.stream(keys).map(k -> new Object[] {k}).toList();
  }

  private static MergeJoinPlan singleKey(JoinRelType type) {
    return new MergeJoinPlan(new int[] {0}, new int[] {0}, type, 1, 1, false, "orders", "customers");
  }

  @Test
  void leftOutOfOrderFailsNamingLeft() {
    CountingInput left = new CountingInput(keyRows(1, 3, 2, 4));
    CountingInput right = new CountingInput(keyRows(1, 2, 3, 4));
    assertThatThrownBy(() -> drain(singleKey(JoinRelType.INNER).join(left, right)))
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA_ORDER))
        .hasMessage("merge join: the rows of orders are not ordered by the join key: (2) came after (3)");
    assertThat(left.closed && right.closed).as("inputs closed when moveNext fails").isTrue();
  }

  @Test
  void rightOutOfOrderFailsNamingRight() {
    MergeJoinPlan plan = new MergeJoinPlan(new int[] {0, 1}, new int[] {1, 0}, JoinRelType.LEFT, 2, 2, false,
        "orders", "customers");
    CountingInput left = new CountingInput(List.of(new Object[] {"a", 1}, new Object[] {"b", 2}));
    CountingInput right = new CountingInput(List.of(new Object[] {1, "a"}, new Object[] {null, "a"},
        new Object[] {2, "a"}));
    assertThatThrownBy(() -> drain(plan.join(left, right)))
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA_ORDER))
        .hasMessage("merge join: the rows of customers are not ordered by the join key: ('a', 2) came after "
            + "('a', NULL)");
    assertThat(left.closed && right.closed).isTrue();
  }

  @Test
  void disorderAfterTheOtherSideEndedStillFails() {
    // The third right row would have matched the first left row: stopping when the left side ends would
    // lose that match silently.
    assertThatThrownBy(() -> drain(singleKey(JoinRelType.INNER).join(new CountingInput(keyRows(1, 5)),
        new CountingInput(keyRows(1, 5, 6, 1)))))
        .hasMessageContaining("the rows of customers are not ordered by the join key: (1) came after (6)");
    assertThatThrownBy(() -> drain(singleKey(JoinRelType.SEMI).join(new CountingInput(keyRows(5, null, 1)),
        new CountingInput(keyRows(1, 5)))))
        .hasMessageContaining("the rows of orders are not ordered by the join key: (1) came after (NULL)");
  }

  @Test
  void readsNothingBeforeTheFirstRowAndClosesBothInputs() {
    CountingInput left = new CountingInput(keyRows(1, 2, 3));
    CountingInput right = new CountingInput(keyRows(1, 2, 3));
    Enumerator<Object[]> rows = singleKey(JoinRelType.INNER).join(left, right).enumerator();
    assertThat(left.opened + right.opened).isZero();
    assertThat(rows.moveNext()).isTrue();
    assertThat(rows.current()).containsExactly(1, 1);
    rows.close();
    assertThat(left.closed && right.closed).isTrue();
    assertThat(left.read).isEqualTo(1);
  }

  @Test
  void holdsOnlyTheCurrentRightRun() {
    // Left: 3 rows for each key not divisible by 3; right: 4 rows for every key.
    List<Object[]> leftRows = new ArrayList<>();
    for (int k = 0; k < 1000; k++) {
      for (int i = 0; i < (k % 3 == 0 ? 0 : 3); i++) {
        leftRows.add(new Object[] {k, leftRows.size()});
      }
    }
    List<Object[]> rightRows = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      rightRows.add(new Object[] {i / 4});
    }
    CountingInput left = new CountingInput(leftRows);
    CountingInput right = new CountingInput(rightRows);
    MergeJoinPlan plan = new MergeJoinPlan(new int[] {0}, new int[] {0}, JoinRelType.INNER, 2, 1, false, "l", "r");
    int rows = 0;
    int rightAhead = 0;
    int leftAhead = 0;
    try (Enumerator<Object[]> join = plan.join(left, right).enumerator()) {
      while (join.moveNext()) {
        rows++;
        int key = (Integer) join.current()[0];
        int leftPosition = (Integer) join.current()[1];
        rightAhead = Math.max(rightAhead, right.read - 4 * key);
        leftAhead = Math.max(leftAhead, left.read - (leftPosition + 1));
      }
    }
    assertThat(rows).isEqualTo(leftRows.size() * 4);
    assertThat(rightAhead).as("right rows read beyond the keys below the current one").isEqualTo(4 + 1);
    assertThat(leftAhead).as("left rows read beyond the current one").isLessThanOrEqualTo(1);
  }

  @Test
  void doesNotGatherRightRowsWithNullKeys() {
    List<Object[]> rightRows = new ArrayList<>();
    for (int i = 0; i < 1003; i++) {
      rightRows.add(new Object[] {i < 3 ? i : null, "r" + i});
    }
    CountingInput right = new CountingInput(rightRows);
    MergeJoinPlan plan = new MergeJoinPlan(new int[] {0}, new int[] {0}, JoinRelType.FULL, 1, 2, false, "l", "r");
    int rightOutput = 0;
    int ahead = 0;
    try (Enumerator<Object[]> join = plan.join(new CountingInput(keyRows(1, 2, null)), right).enumerator()) {
      while (join.moveNext()) {
        rightOutput += join.current()[2] != null ? 1 : 0;
        ahead = Math.max(ahead, right.read - rightOutput);
      }
    }
    assertThat(rightOutput).isEqualTo(1003);
    assertThat(ahead).as("right rows read beyond those output").isLessThanOrEqualTo(2);
  }

  @Test
  void rejectsWhatItCannotRun() {
    assertThatThrownBy(() -> singleKey(JoinRelType.ASOF)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ASOF");
    assertThatThrownBy(() -> singleKey(JoinRelType.LEFT_MARK)).isInstanceOf(IllegalArgumentException.class);
    for (JoinRelType type : List.of(JoinRelType.RIGHT, JoinRelType.FULL, JoinRelType.SEMI, JoinRelType.ANTI)) {
      assertThatThrownBy(() -> new MergeJoinPlan(new int[] {0}, new int[] {0}, type, 1, 1, true, "l", "r"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FIRST_MATCH");
    }
    assertThatThrownBy(() -> new MergeJoinPlan(new int[] {0, 1}, new int[] {0}, JoinRelType.INNER, 2, 1, false,
        "l", "r")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MergeJoinPlan(new int[] {2}, new int[] {0}, JoinRelType.INNER, 2, 1, false,
        "l", "r")).isInstanceOf(IllegalArgumentException.class);
  }

  /** An input over a list that counts how far it was read and whether it was closed. */
  private static final class CountingInput extends AbstractEnumerable<Object[]> {
    private final List<Object[]> rows;
    private int opened;
    private int read;
    private boolean closed;

    CountingInput(List<Object[]> rows) {
      this.rows = rows;
    }

    @Override
    public Enumerator<Object[]> enumerator() {
      opened++;
      Iterator<Object[]> iterator = rows.iterator();
      return new Enumerator<>() {
        private Object[] current;

        @Override
        public Object[] current() {
          return current;
        }

        @Override
        public boolean moveNext() {
          if (!iterator.hasNext()) {
            return false;
          }
          current = iterator.next();
          read++;
          return true;
        }

        @Override
        public void reset() {
          throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
          closed = true;
        }
      };
    }
  }
}
