package io.xsql.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class XsqlTrinoBenchReportTest {
  private static final XsqlTrinoBenchSetting SETTING = new XsqlTrinoBenchSetting(
      Instant.parse("2026-12-07T08:15:00Z"), "abc1234",
      new XsqlTrinoBenchMachine("Some CPU @ 2.0GHz", 2, 23.4, "OpenJDK 64-Bit Server VM 25", 2048),
      "3.10 2.50 1.00", "4.20 3.00 1.50");

  @Test
  void medianOfTheTimedRunsOnly() {
    assertThat(new XsqlTrinoBenchTiming(900, List.of(30.0, 10.0, 20.0)).medianMillis()).isEqualTo(20.0);
    assertThat(new XsqlTrinoBenchTiming(900, List.of(40.0, 10.0, 20.0, 30.0)).medianMillis()).isEqualTo(25.0);
    assertThatThrownBy(() -> new XsqlTrinoBenchTiming(900, List.of()))
        .hasMessageContaining("at least one run after the first");
  }

  @Test
  void measureTimesTheFirstRunApartAndKeepsItsResult() throws Exception {
    int[] calls = {0};
    var measured = XsqlTrinoBenchTiming.measure(3, () -> ++calls[0]);
    assertThat(measured.firstResult()).isEqualTo(1);
    assertThat(calls[0]).isEqualTo(4);
    assertThat(measured.timing().timedMillis()).hasSize(3);
  }

  @Test
  void geometricMeanOverTheQueriesWhoseRowsAgree() {
    XsqlTrinoBenchScale scale = new XsqlTrinoBenchScale(0.01, 262144, List.of(
        query("Q1", 100, 200, Optional.empty()), query("Q3", 100, 800, Optional.empty()),
        query("Q4", 100, 100_000, Optional.of("Q4: rows differ"))));
    assertThat(scale.agreeing()).extracting(XsqlTrinoBenchQuery::name).containsExactly("Q1", "Q3");
    assertThat(scale.geometricMean().getAsDouble()).isCloseTo(4.0, within(1e-9));
    assertThat(new XsqlTrinoBenchScale(0.01, 1, List.of(query("Q4", 1, 2, Optional.of("x")))).geometricMean())
        .isEmpty();
  }

  @Test
  void markdownNamesTheSettingAndPrintsFiguresAsMeasured() {
    XsqlTrinoBenchScale scale = new XsqlTrinoBenchScale(0.01, 262144, List.of(
        query("Q1", 123.4, 246.9, Optional.empty()), query("Q4", 100, 100, Optional.of("Q4: rows differ"))));
    XsqlTrinoBenchScanRun scan = new XsqlTrinoBenchScanRun(1_000_000, 83_886_080, 4 << 20, List.of(
        new XsqlTrinoBenchScan("Trino, 1 worker", timing(2000, 1500.5), Optional.of(new XsqlTrinoBenchScan.Stage(20, 2)),
            "[1000000, 500000500000, 1000000]"),
        new XsqlTrinoBenchScan("embedded xsql", timing(900, 700), Optional.empty(),
            "[1000000, 500000500000, 1000000]")));
    String md = new XsqlTrinoBenchReport(SETTING, List.of(scale), Optional.of(scan)).markdown();
    assertThat(md).contains("- Date: 2026-12-07 08:15 UTC", "- Code: commit abc1234",
        "Some CPU @ 2.0GHz, 2 cores, 23.4 GiB RAM, OpenJDK 64-Bit Server VM 25, heap 2048 MiB",
        "3.10 2.50 1.00 when the run started, 4.20 3.00 1.50 when it ended",
        "## TPC-H at scale factor 0.01", "`xsql.split-bytes=262144`",
        "| Q1 | 7 | 0.247 | 0.123 | 0.494 | 0.247 | 2.001 | yes |",
        "| Q4 | 7 | 0.200 | 0.100 | 0.200 | 0.100 | 1.000 | **no** |",
        "over the 1 of 2 queries whose rows agree: 2.001.", "```\nQ4: rows differ\n```",
        "1000000 lines (80.0 MiB, uncompressed)", "this machine's 2 cores",
        "| Trino, 1 worker | 2.000 | 1.501 | 20 splits on 2 nodes | [1000000, 500000500000, 1000000] |",
        "| embedded xsql | 0.900 | 0.700 | n/a |", "All engines returned the same row.");
  }

  @Test
  void markdownSaysWhenTheScanAnswersDiffer() {
    XsqlTrinoBenchScanRun scan = new XsqlTrinoBenchScanRun(10, 800, 4096, List.of(
        new XsqlTrinoBenchScan("Trino, 2 workers", timing(1, 1), Optional.empty(), "[10, 55, 10]"),
        new XsqlTrinoBenchScan("embedded xsql", timing(1, 1), Optional.empty(), "[10, 55, 9]")));
    assertThat(scan.agree()).isFalse();
    assertThat(new XsqlTrinoBenchReport(SETTING, List.of(), Optional.of(scan)).markdown())
        .contains("**The engines' rows differ.**").doesNotContain("## TPC-H");
  }

  private static XsqlTrinoBenchQuery query(String name, double xsqlMillis, double trinoMillis,
      Optional<String> difference) {
    return new XsqlTrinoBenchQuery(name, 7, timing(2 * xsqlMillis, xsqlMillis), timing(2 * trinoMillis, trinoMillis),
        difference);
  }

  /** A first run and three timed runs whose median is {@code medianMillis}. */
  private static XsqlTrinoBenchTiming timing(double firstMillis, double medianMillis) {
    return new XsqlTrinoBenchTiming(firstMillis, List.of(medianMillis + 1, medianMillis, medianMillis - 1));
  }
}
