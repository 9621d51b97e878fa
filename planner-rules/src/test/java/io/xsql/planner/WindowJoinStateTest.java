package io.xsql.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsql.spi.EventTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.rel.core.JoinRelType;
import org.junit.jupiter.api.Test;

/** The open windows of a window join: what each event joins, when a window's rows are emitted, what is late. */
final class WindowJoinStateTest {
  /** Rows of both sides are {@code (user, ts)}; placed, {@code (user, ts, window_start, window_end)}. */
  private static WindowJoinState state(JoinRelType type, StreamWindow window) {
    EventTime time = new EventTime(Optional.of("ts"), Duration.ofSeconds(2), Optional.empty());
    // Keys: the user, and the window's start.
    WindowJoinSide left = new WindowJoinSide(new StreamTiming("a", time), window, 2, new int[] {0, 2});
    WindowJoinSide right = new WindowJoinSide(new StreamTiming("b", time), window, 2, new int[] {0, 2});
    return new WindowJoinState(new WindowJoinPlan(type, left, right), (l, r) -> true);
  }

  private static StreamWindow tumble() {
    return new StreamWindow(StreamWindow.Kind.TUMBLE, 1, 60_000, 60_000, 0, new int[0]);
  }

  private static List<String> close(WindowJoinState state, long watermark) {
    List<String> out = new ArrayList<>();
    state.close(watermark, row -> out.add(Arrays.toString(row)));
    return out;
  }

  @Test
  void aWindowsPairsAreEmittedWhenItClosesAndItsRowsDroppedThen() {
    WindowJoinState state = state(JoinRelType.INNER, tumble());
    assertThat(state.add(0, new Object[] {1L, 1_000L}, 1_000, Long.MIN_VALUE)).isTrue();
    assertThat(state.add(1, new Object[] {1L, 2_000L}, 2_000, Long.MIN_VALUE)).isTrue();
    assertThat(state.add(1, new Object[] {2L, 3_000L}, 3_000, Long.MIN_VALUE)).isTrue();
    assertThat(state.add(1, new Object[] {1L, 61_000L}, 61_000, Long.MIN_VALUE)).isTrue();
    assertThat(state.rows()).isEqualTo(4);
    assertThat(close(state, 59_999)).isEmpty();
    assertThat(close(state, 60_000)).containsExactly("[1, 1000, 0, 60000, 1, 2000, 0, 60000]");
    assertThat(state.rows()).isEqualTo(1);
    // Its window is closed: late, kept nowhere.
    assertThat(state.add(0, new Object[] {1L, 4_000L}, 4_000, 60_000)).isFalse();
    assertThat(state.rows()).isEqualTo(1);
  }

  @Test
  void aFullJoinPadsTheRowsOfEitherSideThatMatchNothingAndANullKeyMatchesNothing() {
    WindowJoinState state = state(JoinRelType.FULL, tumble());
    state.add(0, new Object[] {1L, 1_000L}, 1_000, Long.MIN_VALUE);
    state.add(0, new Object[] {null, 2_000L}, 2_000, Long.MIN_VALUE);
    state.add(1, new Object[] {2L, 3_000L}, 3_000, Long.MIN_VALUE);
    state.add(1, new Object[] {null, 4_000L}, 4_000, Long.MIN_VALUE);
    assertThat(close(state, Long.MAX_VALUE)).containsExactly(
        "[1, 1000, 0, 60000, null, null, null, null]", "[null, 2000, 0, 60000, null, null, null, null]",
        "[null, null, null, null, 2, 3000, 0, 60000]", "[null, null, null, null, null, 4000, 0, 60000]");
  }

  @Test
  void hoppingWindowsJoinAnEventInEachOfItsWindows() {
    WindowJoinState state = state(JoinRelType.LEFT, new StreamWindow(StreamWindow.Kind.HOP, 1, 60_000, 30_000, 0,
        new int[0]));
    state.add(0, new Object[] {1L, 45_000L}, 45_000, Long.MIN_VALUE);
    state.add(1, new Object[] {1L, 70_000L}, 70_000, Long.MIN_VALUE);
    assertThat(close(state, 60_000)).containsExactly("[1, 45000, 0, 60000, null, null, null, null]");
    assertThat(close(state, 90_000)).containsExactly("[1, 45000, 30000, 90000, 1, 70000, 30000, 90000]");
    assertThat(state.rows()).isEqualTo(1);
  }
}
