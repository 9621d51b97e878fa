package io.xsql.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsql.spi.EventTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The open windows of a streaming GROUP BY: what each event joins, when windows close, what is late. */
final class WindowStateTest {
  /** Rows are {@code (user, ts, amount)}; the plan groups by window start, end and user. */
  private static WindowAggregatePlan plan(StreamWindow window) {
    return new WindowAggregatePlan("clicks", window, new int[] {WindowAggregatePlan.WINDOW_START,
        WindowAggregatePlan.WINDOW_END, 0}, List.of(new WindowAggregatePlan.Call(WindowAccumulator.Kind.COUNT, -1,
        Long.class), new WindowAggregatePlan.Call(WindowAccumulator.Kind.MAX, 2, Long.class)),
        new EventTime(Optional.of("ts"), Duration.ofSeconds(2), Optional.empty()));
  }

  private static List<String> close(WindowState state, long watermark) {
    List<String> out = new ArrayList<>();
    state.close(watermark, row -> out.add(Arrays.toString(row)));
    return out;
  }

  @Test
  void anEventBetweenTwoSessionsOfItsKeyJoinsThem() {
    WindowState state = plan(new StreamWindow(StreamWindow.Kind.SESSION, 1, 10_000, 10_000, 0, new int[] {0})).state();
    assertThat(state.add(new Object[] {1L, 0L, 5L}, 0, Long.MIN_VALUE)).isTrue();
    assertThat(state.add(new Object[] {1L, 18_000L, 7L}, 18_000, 0)).isTrue();
    assertThat(state.add(new Object[] {2L, 14_000L, 1L}, 14_000, 0)).isTrue();
    assertThat(state.groups()).isEqualTo(3);
    // Out of order, 9 s: less than the gap from both of user 1's sessions, [0 s, 10 s) and [18 s, 28 s).
    assertThat(state.add(new Object[] {1L, 9_000L, 9L}, 9_000, 16_000)).isTrue();
    assertThat(state.groups()).isEqualTo(2);
    assertThat(close(state, 24_000)).containsExactly("[14000, 24000, 2, 1, 1]");
    assertThat(close(state, 27_999)).isEmpty();
    assertThat(close(state, 28_000)).containsExactly("[0, 28000, 1, 3, 9]");
    assertThat(state.groups()).isZero();
    // Its session would have ended before the watermark, and there is no open one to join.
    assertThat(state.add(new Object[] {1L, 20_000L, 1L}, 20_000, 35_000)).isFalse();
    assertThat(close(state, Long.MAX_VALUE)).isEmpty();
  }

  @Test
  void hoppingWindowsCloseInOrderAndAnEventInAClosedOneIsLate() {
    WindowState state = plan(new StreamWindow(StreamWindow.Kind.HOP, 1, 60_000, 30_000, 0, new int[0])).state();
    assertThat(state.add(new Object[] {1L, 45_000L, 3L}, 45_000, Long.MIN_VALUE)).isTrue();
    assertThat(state.groups()).isEqualTo(2);
    assertThat(close(state, 60_000)).containsExactly("[0, 60000, 1, 1, 3]");
    // 50 s falls in [0, 60 s), closed, and [30 s, 90 s), open: late, but still counted where it is open.
    assertThat(state.add(new Object[] {1L, 50_000L, 4L}, 50_000, 60_000)).isFalse();
    assertThat(close(state, 90_000)).containsExactly("[30000, 90000, 1, 2, 4]");
  }
}
