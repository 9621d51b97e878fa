package io.xsql.planner;

import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.function.Function1;

/**
 * What a segmented operator does at run time: cut input ordered by {@code keys} into runs of equal keys
 * and run the operator over each run in turn, so that it holds one run, not the input. Public only
 * because generated code calls it.
 *
 * @param keys the input columns whose equal values make a run
 */
public record SegmentPlan(int[] keys) {
  public SegmentPlan {
    keys = keys.clone();
  }

  /** Called by generated code: {@code each} over every run of {@code input}, one after the other. */
  public Enumerable<Object> run(Enumerable<Object[]> input,
      Function1<Enumerable<Object[]>, Enumerable<Object>> each) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object> enumerator() {
        return new SegmentRunsEnumerator(keys, input.enumerator(), each);
      }
    };
  }
}
