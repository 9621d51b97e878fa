package io.xsql.planner;

import static io.xsql.planner.MergeJoinEnumeratorTest.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.spi.ErrorCode;
import io.xsql.spi.SourceException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.function.Predicate2;
import org.apache.calcite.rel.core.JoinRelType;
import org.junit.jupiter.api.Test;

/** The band join against a nested-loop reference, and its order checks. */
final class BandJoinEnumeratorTest {
  /** Left rows: {@code [id, x]}; right rows: {@code [lo, id, hi]}. */
  private static final int POINT = 1;
  private static final int LOWER = 0;
  private static final int UPPER = 2;

  @Test
  void matchesNestedLoopReference() {
    Random random = new Random(20_261_207L);
    for (int trial = 0; trial < 400; trial++) {
      List<Object[]> left = new ArrayList<>();
      for (int i = random.nextInt(30); i > 0; i--) {
        left.add(new Object[] {"L" + i, value(random, 20)});
      }
      List<Object[]> right = new ArrayList<>();
      for (int i = random.nextInt(30); i > 0; i--) {
        Integer lo = value(random, 20);
        Integer hi = lo == null || random.nextInt(6) == 0 ? value(random, 20) : Integer.valueOf(lo + random.nextInt(6) - 1);
        right.add(new Object[] {lo, i, hi});
      }
      left.sort(Comparator.comparing(r -> (Integer) r[POINT], Comparator.nullsLast(Comparator.naturalOrder())));
      right.sort(Comparator.comparing(r -> (Integer) r[LOWER], Comparator.nullsLast(Comparator.naturalOrder())));
      boolean strictLower = random.nextBoolean();
      boolean strictUpper = random.nextBoolean();
      boolean odd = random.nextInt(3) == 0;
      // As the generated code checks the condition: unknown (a NULL) fails.
      Predicate2<Object[], Object[]> condition = (l, r) -> l[POINT] != null && r[LOWER] != null && r[UPPER] != null
          && (strictLower ? (Integer) l[POINT] > (Integer) r[LOWER] : (Integer) l[POINT] >= (Integer) r[LOWER])
          && (strictUpper ? (Integer) l[POINT] < (Integer) r[UPPER] : (Integer) l[POINT] <= (Integer) r[UPPER])
          && (!odd || (Integer) r[1] % 2 == 1);
      for (JoinRelType type : List.of(JoinRelType.INNER, JoinRelType.LEFT, JoinRelType.SEMI, JoinRelType.ANTI)) {
        BandJoinPlan plan = new BandJoinPlan(POINT, LOWER, UPPER, type, 2, 3, "l", "r");
        String what = "trial " + trial + ", " + type + ", left " + show(left) + ", right " + show(right);
        assertThat(show(drain(plan.join(Linq4j.asEnumerable(left), Linq4j.asEnumerable(right), condition))))
            .as(what).isEqualTo(show(nestedLoop(type, condition, left, right)));
      }
    }
  }

  private static Integer value(Random random, int range) {
    return random.nextInt(8) == 0 ? null : random.nextInt(range);
  }

  /** The reference, in the left input's order and, for each left row, the right input's. */
  private static List<Object[]> nestedLoop(JoinRelType type, Predicate2<Object[], Object[]> condition,
      List<Object[]> left, List<Object[]> right) {
    List<Object[]> out = new ArrayList<>();
    for (Object[] l : left) {
      List<Object[]> matches = right.stream().filter(r -> condition.apply(l, r)).toList();
      switch (type) {
        case SEMI, ANTI -> {
          if (matches.isEmpty() == (type == JoinRelType.ANTI)) {
            out.add(l.clone());
          }
        }
        default -> {
          matches.forEach(r -> out.add(concat(l, r)));
          if (matches.isEmpty() && type == JoinRelType.LEFT) {
            out.add(concat(l, new Object[3]));
          }
        }
      }
    }
    return out;
  }

  private static Object[] concat(Object[] l, Object[] r) {
    Object[] row = Arrays.copyOf(l, l.length + r.length);
    System.arraycopy(r, 0, row, l.length, r.length);
    return row;
  }

  private static String show(List<Object[]> rows) {
    return rows.stream().map(Arrays::asList).toList().toString();
  }

  @Test
  void rangesOutOfOrderFailTheQuery() {
    BandJoinPlan plan = new BandJoinPlan(POINT, LOWER, UPPER, JoinRelType.INNER, 2, 3, "events", "shifts");
    List<Object[]> left = List.of(new Object[] {"a", 1}, new Object[] {"b", 9});
    List<Object[]> right = List.of(new Object[] {0, 1, 5}, new Object[] {7, 2, 9}, new Object[] {3, 3, 4});
    assertThatThrownBy(() -> drain(plan.join(Linq4j.asEnumerable(left), Linq4j.asEnumerable(right),
        (l, r) -> true)))
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA_ORDER))
        .hasMessageContaining("the rows of shifts are not ordered");
  }

  @Test
  void rejectsWhatItCannotRun() {
    for (JoinRelType type : List.of(JoinRelType.RIGHT, JoinRelType.FULL)) {
      assertThatThrownBy(() -> new BandJoinPlan(POINT, LOWER, UPPER, type, 2, 3, "l", "r"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(type.name());
    }
    assertThatThrownBy(() -> new BandJoinPlan(2, LOWER, UPPER, JoinRelType.INNER, 2, 3, "l", "r"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
